"""What makes a run reproducible: harness version and commit, digests of the features and of the guide
they were written from."""

from __future__ import annotations

import hashlib
import os
import subprocess
from importlib import metadata
from pathlib import Path

from harness.paths import FEATURES_DIR, PROJECT_ROOT

GUIDE_DIGEST_FILE = FEATURES_DIR / "GUIDE.sha256"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def features_digest(features_dir: Path = FEATURES_DIR) -> str:
    """One digest over every feature file and the catalogue, by relative path, so a reordering counts."""
    digest = hashlib.sha256()
    for path in sorted([*features_dir.rglob("*.feature"), features_dir / "requirements.csv"]):
        digest.update(str(path.relative_to(features_dir)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def recorded_guide_digest() -> str | None:
    if not GUIDE_DIGEST_FILE.exists():
        return None
    return GUIDE_DIGEST_FILE.read_text(encoding="utf-8").split()[0]


# A run made of several processes (the phases of a parallel run) names the commit it started from, even when a
# commit lands while it runs; the parent sets this for its children.
COMMIT_VARIABLE = "INSPIRA_HARNESS_COMMIT"


def harness_commit() -> str | None:
    if os.environ.get(COMMIT_VARIABLE):
        return os.environ[COMMIT_VARIABLE]
    try:
        result = subprocess.run(
            ["git", "-C", str(PROJECT_ROOT), "rev-parse", "HEAD"],
            capture_output=True, text=True, timeout=5, check=False,
        )
    except OSError:
        return None
    commit = result.stdout.strip()
    return commit if result.returncode == 0 and commit else None


def provenance() -> dict:
    try:
        version = metadata.version("inspira-conformance")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return {
        "harness_version": version,
        "harness_commit": harness_commit(),
        "features_sha256": features_digest(),
        "guide_sha256": recorded_guide_digest(),
    }
