"""The installed package: a wheel carries data/models.yaml, and `pip install .` works from any directory."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        stdin=subprocess.DEVNULL,
    )
    (found,) = out.glob("mcstrat-*.whl")
    return found


def test_wheel_contains_the_data_file(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        shipped = zf.read("mcstrat/data/models.yaml")
    assert shipped == (ROOT / "data" / "models.yaml").read_bytes()
    # every source file of every package is installed: the package list is found, not written down
    sources = {
        f"mcstrat/{p.relative_to(ROOT / 'src' / 'mcstrat').as_posix()}"
        for p in (ROOT / "src" / "mcstrat").rglob("*.py")
    }
    sources = {s for s in sources if "__pycache__" not in s and not s.startswith("mcstrat/data/")}
    assert sources - names == set()
    assert {"mcstrat/cli/commands.py", "mcstrat/analyses/ranking.py", "mcstrat/core/catalog.py"} <= names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    with zipfile.ZipFile(wheel) as zf:
        assert "mcstrat = mcstrat.cli:main" in zf.read(entry_points).decode()


def test_installed_wheel_runs_from_any_directory(wheel: Path, tmp_path: Path) -> None:
    """A non-editable install in a fresh environment finds its data without the source tree."""
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=False)
    bindir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    python = bindir / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # dependencies come from this test environment through a plain path entry (its .pth hooks,
    # such as an editable mcstrat, are not run from there), mcstrat itself only from the wheel
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q", str(wheel)],
        check=True,
        capture_output=True,
        stdin=subprocess.DEVNULL,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run(
        [python, "-c", "import mcstrat.core.catalog as c; print(c.__file__); print(__import__('mcstrat.files.models').files.models.default_path())"],
        capture_output=True, text=True, check=True, cwd=elsewhere,
    ).stdout.splitlines()  # fmt: skip
    assert all(line.startswith(str(env_dir)) for line in where), where
    result = subprocess.run(
        [bindir / "mcstrat", "models", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 8


def test_the_lock_covers_every_declared_dependency() -> None:
    """constraints.txt pins each runtime and test dependency of pyproject.toml (refresh it as the README says)."""
    import re

    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        pytest.skip("tomllib arrived in Python 3.11")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [*project["dependencies"], *project["optional-dependencies"]["test"]]

    def name(requirement: str) -> str:
        return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")

    lock = (ROOT / "constraints.txt").read_text(encoding="utf-8")
    pinned = {name(line) for line in lock.splitlines() if "==" in line and not line.startswith((" ", "#"))}
    assert "uv pip compile" in lock.splitlines()[1], "the header names the command that made the lock"
    assert sorted({name(r) for r in declared} - pinned) == []
