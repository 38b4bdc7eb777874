import sys
from pathlib import Path

# The hand-made world lives beside the report tests; comparison tests use the same fixtures.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "report"))
