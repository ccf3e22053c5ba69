"""Every install comes from the lock files, with hashes, and the locks cover what pyproject.toml
asks for (a dependency added there without `make lock` fails here)."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _names(requirements: list[str]) -> set[str]:
    return {
        re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0].lower().replace("_", "-") for r in requirements
    }


def _locked(path: Path) -> dict[str, str]:
    pins = re.findall(r"^([A-Za-z0-9_.\-]+)==([^\s\\]+)", path.read_text(), re.M)
    return {name.lower().replace("_", "-"): version for name, version in pins}


def test_the_locks_cover_pyproject_and_pin_every_file_by_hash():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    base, dev = _locked(ROOT / "requirements/base.txt"), _locked(ROOT / "requirements/dev.txt")
    assert _names(project["dependencies"]) <= set(base)
    assert _names(project["dependencies"] + project["optional-dependencies"]["dev"]) <= set(dev)
    for lock in ("base.txt", "dev.txt"):
        text = (ROOT / "requirements" / lock).read_text()
        pins = re.findall(r"^[A-Za-z0-9_.\-]+==\S+", text, re.M)
        hashed = re.findall(r"^[A-Za-z0-9_.\-]+==\S+ \\\n\s+--hash=sha256:[0-9a-f]{64}", text, re.M)
        assert pins and len(hashed) == len(pins), lock
    assert all(base[name] == dev[name] for name in base if name in dev)  # one version each


def test_make_and_the_image_install_from_the_locks_with_hashes():
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes -r requirements/dev.txt" in makefile
    assert "--no-deps -e ." in makefile
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "--require-hashes -r requirements/base.txt" in dockerfile
    assert "pip-audit --strict" in makefile  # `make audit` fails when it cannot check
