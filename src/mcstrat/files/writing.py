"""Writing output files: checked before any work, staged beside their targets, published all or nothing.

A command's outputs (--report, --export-html, --export-svg, --save-answers, `init FILE`) go through
one transaction, `Outputs`: every path is checked before any work is done, each file is written to a
temporary file beside its target, and all are moved into place at the end; a failure or an
interruption removes whatever this run wrote.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import Any

from mcstrat.errors import InputError, McstratError, WriteError
from mcstrat.files.reading import KIND_OF_FILE
from mcstrat.sanitize import clip

_OUTPUT_KINDS = (*KIND_OF_FILE, (stat.S_ISDIR, "a directory"))


def os_reason(exc: OSError) -> str:
    """A short reason for an OSError in a message: 'no space left on the device', 'permission denied'..."""
    import errno

    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    if exc.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "read-only file system"
    return (exc.strerror or str(exc)).lower()


def path_fault(exc: OSError) -> bool:
    """True when EXC is a fault of the path the user gave, which another path fixes.

    No permission, a read-only file system, a name too long, a folder missing or not a folder:
    bad input (exit 2). Anything else (no space left, a quota, an I/O error) is the system failing
    to write a good path (exit 74).
    """
    import errno

    return exc.errno in {
        errno.EACCES, errno.EPERM, errno.EROFS, errno.ENAMETOOLONG, errno.ENOENT, errno.ENOTDIR, errno.EISDIR,
        errno.ELOOP,
    }  # fmt: skip


def _fix(exc: OSError) -> str:
    """How to get past a fault of the path EXC names."""
    import errno

    return "choose a shorter name" if exc.errno == errno.ENAMETOOLONG else "choose another name or place"


def _shown(path: Path, label: str = "") -> str:
    """An output as a message names it: its option and its path, a very long path shortened."""
    return f"{label} {clip(str(path))}".strip()


def write_refused(message: str, exc: OSError) -> McstratError:
    """MESSAGE as InputError (exit 2) for a fault of the path, else as WriteError (exit 74)."""
    return InputError(message) if path_fault(exc) else WriteError(message)


def check_writable(path: Path, force: bool = False, label: str = "") -> Path:
    """Refuse PATH as an output unless it is a new path or (with FORCE) an existing regular file; its folder.

    A device, FIFO, socket or directory, or a symlink to one, is refused even with FORCE: writing
    there could block, damage something that is not ours, or (as root) replace /dev/null. LABEL
    (e.g. '--report') starts the message, so a refusal names the option that asked. Every refusal
    here is of the path, so InputError (exit 2): a missing folder, no permission to write in it,
    a name too long for its file system (see `write_refused`).
    """
    shown = _shown(path, label)
    try:
        info = os.stat(path)  # follows a symlink: what matters is what would be written to
    except FileNotFoundError:
        info = None
        if os.path.islink(path):
            raise InputError(f"{shown}: is a symlink to a missing file; give a new path or a regular file") from None
    except NotADirectoryError:
        raise InputError(f"{shown}: part of the path is not a folder; check the path") from None
    except OSError as exc:
        raise write_refused(f"{shown}: cannot write ({os_reason(exc)}); {_fix(exc)}", exc) from None
    except ValueError:  # a NUL character in the path
        raise InputError(f"{shown}: is not a valid file name") from None
    if info is not None:
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _OUTPUT_KINDS if test(info.st_mode)), "not a regular file")
            if kind == "a directory":
                raise InputError(f"{shown}: is a directory; give a file name to write")
            raise InputError(f"{shown}: is {kind}, not a regular file; mcstrat writes only new or regular files")
        if not force:
            raise InputError(f"{shown}: already exists; pass --force to replace it")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"{shown}: folder {parent} does not exist; create it first")
    if _read_only(parent):
        raise InputError(f"{shown}: cannot write in folder {parent} (read-only file system); choose another place")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError(f"{shown}: cannot write in folder {parent} (permission denied); choose another place")
    if len(os.fsencode(path.name)) > _name_max(parent):
        raise InputError(f"{shown}: cannot write (the file name is too long); choose a shorter name")
    return parent


def _read_only(folder: Path) -> bool:
    """True when FOLDER is on a file system mounted read-only (os.access says so only as a non-root user)."""
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs (Windows): the write itself will say
        return False


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX") - 20  # room for the temporary file's prefix and suffix
    except (OSError, ValueError, AttributeError):
        return 235


def _target(path: Path) -> Path:
    """Where writing PATH really lands: a symlink to a regular file is written through, as `>` does."""
    return Path(os.path.realpath(path)) if os.path.islink(path) else path


class Outputs:
    """One command's output files, all or nothing: staged beside their targets, then moved into place.

    `add` checks every path before any work is done (and refuses two outputs naming the same
    file, whatever the spelling or symlink); `stage` writes a temporary file; `commit` renames
    them all. If anything fails or is interrupted (Ctrl-C, SIGTERM, SIGHUP) before the end, the
    staged files are removed and any already moved into place by this run are removed too, and
    the error says what was and was not written. Use as a context manager: leaving the block by
    an exception rolls back, leaving it normally commits.
    """

    def __init__(self, force: bool = False) -> None:
        self.force = force
        self.labels: dict[Path, str] = {}
        self.identities: dict[tuple[Any, ...], Path] = {}
        self.staged: list[tuple[Path, Path, str]] = []  # (the path as given, where it lands, temporary file)
        self.committed: list[Path] = []

    def add(self, label: str, path: Path) -> None:
        """Check PATH as the output of LABEL (e.g. '--report'), before any work is done."""
        check_writable(path, self.force, label)
        target = _target(path)
        identity = self._identity(target)
        if identity in self.identities:
            other = self.labels[self.identities[identity]]
            raise InputError(
                f"{other} and {label} name the same file ({path}); give each output its own file. Nothing was written"
            )
        self.identities[identity] = path
        self.labels[path] = label

    @staticmethod
    def _identity(target: Path) -> tuple[Any, ...]:
        try:
            info = os.stat(target)
            return ("inode", info.st_dev, info.st_ino)
        except OSError:
            parent = target.parent if str(target.parent) else Path(".")
            info = os.stat(parent)
            return ("new", info.st_dev, info.st_ino, os.path.normcase(target.name))

    def stage(self, path: Path, text: str | bytes) -> None:
        """Write TEXT (or bytes: a PDF) to a temporary file beside PATH (added earlier), moved into place by commit."""
        import tempfile

        label = self.labels.get(path, "")
        target = _target(path)
        parent = check_writable(target, self.force, label) if path not in self.labels else target.parent
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:100]}.", suffix=".tmp", dir=parent or Path("."))
        except OSError as exc:
            raise self._failed(path, exc) from None
        self.staged.append((path, target, tmp))
        try:
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp creates 0600; give what a plain open() would
            if isinstance(text, bytes):
                with os.fdopen(fd, "wb") as raw:
                    raw.write(text)
                    raw.flush()
                    os.fsync(raw.fileno())
            else:
                with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                    fh.write(text)
                    fh.flush()
                    os.fsync(fh.fileno())
        except OSError as exc:
            raise self._failed(path, exc) from None

    def commit(self) -> None:
        """Move every staged file into place."""
        for path, target, tmp in list(self.staged):
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise self._failed(path, exc) from None
            self.staged.remove((path, target, tmp))
            self.committed.append(target)

    def rollback(self) -> None:
        """Remove the temporary files and whatever this run already moved into place."""
        for _, _, tmp in self.staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        for target in self.committed:
            with contextlib.suppress(OSError):
                os.unlink(target)
        self.staged.clear()
        self.committed.clear()

    def _failed(self, path: Path, exc: OSError) -> McstratError:
        label = self.labels.get(path, "")
        shown = _shown(path, label)
        others = [_shown(p, self.labels.get(p, "")) for p in self.labels if p != path]
        status = "nothing was written" if not others else "none of " + ", ".join([shown, *others]) + " was written"
        fix = f"; {_fix(exc)}" if path_fault(exc) else ""
        return write_refused(f"{shown}: cannot write ({os_reason(exc)}){fix}; {status}", exc)

    def __enter__(self) -> Outputs:
        return self

    def __exit__(self, kind: Any, value: Any, traceback: Any) -> None:
        if kind is None:
            try:
                self.commit()
            except BaseException:
                self.rollback()
                raise
        else:
            self.rollback()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str, force: bool = False) -> None:
    """Write TEXT to PATH atomically: a failure or Ctrl-C never leaves a partial file."""
    with Outputs(force) as out:
        out.stage(path, text)
