"""Where the harness finds its own files, whether run from a checkout or an editable install."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FEATURES_DIR = PROJECT_ROOT / "features"
STEPS_DIR = PROJECT_ROOT / "steps"
PROFILES_DIR = PROJECT_ROOT / "fixtures" / "profiles"
DEFAULT_REPORTS_DIR = PROJECT_ROOT / "reports"
