import sys
from pathlib import Path

# The matrix's modules import one another by name, also when run as `python -m tests.mutants.matrix`.
sys.path.insert(0, str(Path(__file__).resolve().parent))
