"""Matching: the engine, runs and lists, incremental updates and explanations.

numba caches the compiled kernels on disk and watches only the kernels' own source files for
changes. The score's constants live in matching/scoring.py, so the cache directory is named after
that file's contents: changing a constant compiles the kernels afresh instead of reusing kernels
built with the old value. (numba is imported only by this package's modules, after this runs.)
"""

import hashlib
import os
import tempfile
from pathlib import Path

SCORING_FINGERPRINT = hashlib.sha256(
    Path(__file__).with_name("scoring.py").read_bytes()
).hexdigest()[:16]
_base = os.environ.get("NUMBA_CACHE_DIR") or str(
    Path(tempfile.gettempdir()) / "talent-bridge-numba"
)
if Path(_base).name != SCORING_FINGERPRINT:
    os.environ["NUMBA_CACHE_DIR"] = str(Path(_base) / SCORING_FINGERPRINT)
