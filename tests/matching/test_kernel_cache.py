"""The compiled kernels are cached under a name that changes with the score's constants."""

import hashlib
import os
from pathlib import Path

import matching
from matching import kernels  # noqa: F401 (numba is loaded, with the cache set)


def test_the_kernel_cache_is_named_after_the_scoring_constants() -> None:
    scoring = Path(matching.__file__).with_name("scoring.py").read_bytes()
    fingerprint = hashlib.sha256(scoring).hexdigest()[:16]
    assert Path(os.environ["NUMBA_CACHE_DIR"]).name == fingerprint
