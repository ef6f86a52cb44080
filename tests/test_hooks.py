"""The pre-commit hooks (.pre-commit-hooks.yaml), run by pre-commit itself against a scratch repository.

`pre-commit try-repo` installs mcstrat from a repository into an environment of its own (pip
installs the package and its dependencies, so it needs the package index pip is configured with),
then runs the hooks on a scratch repository's files. The hook repository is a snapshot of this
working tree (tracked and new files alike, as they are now) committed to a scratch git repository,
so the hooks tested are the ones being changed, not the last commit's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import EXAMPLE_ANSWERS, ROOT

GIT = ["git", "-c", "user.name=mcstrat tests", "-c", "user.email=tests@example.invalid", "-c", "commit.gpgsign=false"]


def git(*args: str, cwd: Path) -> None:
    subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True)


def snapshot(to: Path) -> Path:
    """This working tree's files (tracked and untracked, not ignored) committed in a new repository at TO."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True, capture_output=True
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the working tree
        target = to / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            target.symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, target)
    git("init", "-q", cwd=to)
    git("add", "-A", cwd=to)
    git("commit", "-q", "-m", "snapshot", cwd=to)
    return to


def try_repo(hooks: Path, work: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hooks), "--all-files"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_the_manifest_offers_both_hooks() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {hook["id"]: hook for hook in hooks}
    assert set(by_id) == {"mcstrat-validate", "mcstrat-check"}
    assert by_id["mcstrat-validate"]["entry"] == "mcstrat validate"
    assert by_id["mcstrat-check"]["entry"] == "mcstrat check"
    assert all(hook["language"] == "python" for hook in hooks)


@pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(), reason="pre-commit needs git and a git checkout"
)
def test_pre_commit_runs_both_hooks(tmp_path: Path) -> None:
    hooks = snapshot(tmp_path / "hooks")
    work = tmp_path / "work"
    (work / "decisions").mkdir(parents=True)
    git("init", "-q", cwd=work)
    answers = work / "decisions" / "finance.yaml"
    shutil.copy(EXAMPLE_ANSWERS, answers)
    locked = subprocess.run(
        [sys.executable, "-m", "mcstrat", "recommend", "-a", "decisions/finance.yaml", "--lock", "decision.lock.json"],
        cwd=work,
        capture_output=True,
        text=True,
    )
    assert locked.returncode == 0, locked.stderr
    (work / "notes.yaml").write_text("not: a decision file\n", encoding="utf-8")  # outside decisions/: not validated
    git("add", "-A", cwd=work)

    passed = try_repo(hooks, work, tmp_path / "cache")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "mcstrat validate" in passed.stdout and "mcstrat check" in passed.stdout
    assert passed.stdout.count("Passed") == 2, passed.stdout

    text = answers.read_text(encoding="utf-8").replace("  roi: 5", "  roi: 2")
    answers.write_text(text, encoding="utf-8")
    (work / "decisions" / "bad.yaml").write_text("version: 1\npriorities:\n  rsik: 3\n", encoding="utf-8")
    git("add", "-A", cwd=work)
    failed = try_repo(hooks, work, tmp_path / "cache")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    out = failed.stdout
    assert out.count("Failed") == 2, out
    assert "- hook id: mcstrat-validate\n- exit code: 2" in out
    assert "decisions/bad.yaml: line 3: priorities.rsik: unknown criterion 'rsik'" in out
    assert "- hook id: mcstrat-check\n- exit code: 1" in out
    assert "decision.lock.json: drifted" in out
    assert "roi 5 → 2" in " ".join(out.split())
