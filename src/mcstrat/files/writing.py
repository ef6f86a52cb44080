"""Writing output files: checked before any work, staged beside their targets, published all or nothing.

A command's outputs (--report, --export-html, --export-svg, --save-answers, `init FILE`) go through
one transaction, `Outputs`: every path is checked and resolved once before any work is done, each file
is written to a temporary file beside its target, and all are published at the end, without --force
never over anything and with it only over a regular file; a failure or an interruption removes
whatever this run wrote and puts back what it replaced. POSIX only: every step after the check works
relative to the output's open folder (the `dir_fd` arguments of `os`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mcstrat.errors import InputError, McstratError, WriteError
from mcstrat.files.reading import KIND_OF_FILE
from mcstrat.sanitize import clip

_OUTPUT_KINDS = (*KIND_OF_FILE, (stat.S_ISDIR, "a directory"), (stat.S_ISLNK, "a symlink"))
#: What link() fails with on a file system without hard links (FAT, exFAT, some network shares).
_NO_HARD_LINKS = frozenset({errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS})


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


def _kind(mode: int) -> str:
    """What a file of MODE is, in a message's words ('a directory', 'a symlink', 'a named pipe'...)."""
    return next((name for test, name in _OUTPUT_KINDS if test(mode)), "not a regular file")


def _lstat(folder: int, name: str) -> os.stat_result | None:
    """What is at NAME in FOLDER, not following a symlink; None when nothing is."""
    try:
        return os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        return None


def _inode(info: os.stat_result | None) -> tuple[int, int] | None:
    return (info.st_dev, info.st_ino) if info is not None else None


@dataclass
class _Output:
    """One output: the path as given (for messages) and where it lands, resolved once, when it was checked."""

    path: Path
    label: str
    folder: int  # the folder it lands in, opened when checked: no later step looks the path up again
    name: str  # its name in that folder
    old: os.stat_result | None  # the regular file there when checked (replaced only with --force), or None
    staged: str | None = None  # the temporary file beside it
    written: tuple[int, int] | None = None  # (device, inode) of the file this run wrote
    kept: str | None = None  # the file --force replaced, kept under this name until the run succeeds
    published: bool = False


class Outputs:
    """One command's output files, all or nothing: staged beside their targets, then published.

    `add` checks every path before any work is done (and refuses two outputs naming the same file,
    whatever the spelling or symlink) and resolves it once: a symlink given there to a regular file
    is followed then, and its folder opened; every later step works in that open folder, by name,
    never following a symlink, so nothing planted at the path or its folders later can send the
    write elsewhere. `stage` writes a temporary file there (created exclusively, with the mode a
    plain open() gives, or with --force the mode, and as root the owner, of the file it replaces);
    `commit` publishes them all.

    Without --force a file is published with link(), which never replaces anything: if anything
    appeared at the path since the check (another run writing the same file), this run fails with
    "already exists" (exit 2), so of racing runs exactly one wins. On a file system without hard
    links (FAT, some network shares) the name is reserved instead by creating it exclusively, then
    replaced by the staged file. With --force the staged file replaces (rename(), which replaces a
    symlink rather than following it) only nothing or a regular file: anything else found there
    then (a symlink, a directory, a named pipe) is refused (exit 2). The replaced file is first kept
    under a hidden name (a hard link, or moved aside where there are none) until the whole run
    succeeds.

    If anything fails or is interrupted (Ctrl-C, SIGTERM, SIGHUP) before the end, the staged files
    are removed, what this run published is removed (only if it is still the file this run wrote)
    and each file --force replaced is put back, and the error says what was and was not written.
    Use as a context manager: leaving the block by an exception rolls back, leaving it normally
    commits.
    """

    def __init__(self, force: bool = False) -> None:
        self.force = force
        self.outputs: dict[Path, _Output] = {}
        self.identities: dict[tuple[Any, ...], Path] = {}

    def add(self, label: str, path: Path) -> None:
        """Check PATH as the output of LABEL (e.g. '--report'), before any work is done, and resolve it once."""
        check_writable(path, self.force, label)
        target = _target(path)
        shown = _shown(path, label)
        try:
            folder = os.open(target.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError as exc:
            raise write_refused(f"{shown}: cannot write ({os_reason(exc)}); {_fix(exc)}", exc) from None
        try:
            old = _lstat(folder, target.name)
            if old is not None and not stat.S_ISREG(old.st_mode):  # changed since check_writable looked
                raise InputError(
                    f"{shown}: is {_kind(old.st_mode)}, not a regular file; mcstrat writes only new or regular files"
                )
            if old is not None and not self.force:
                raise InputError(f"{shown}: already exists; pass --force to replace it")
            here = os.fstat(folder)
            identity = _inode(old) or (here.st_dev, here.st_ino, os.path.normcase(target.name))
            if identity in self.identities:
                other = self.outputs[self.identities[identity]].label
                raise InputError(
                    f"{other} and {label} name the same file ({path}); give each output its own file. "
                    "Nothing was written"
                )
        except BaseException:
            os.close(folder)
            raise
        self.identities[identity] = path
        self.outputs[path] = _Output(path, label, folder, target.name, old)

    def stage(self, path: Path, text: str | bytes) -> None:
        """Write TEXT (or bytes: a PDF) to a temporary file beside PATH (added earlier), published by commit."""
        if path not in self.outputs:
            self.add("", path)
        out = self.outputs[path]
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        try:
            with os.fdopen(self._create(out), "wb") as fh:
                out.written = _inode(os.fstat(fh.fileno()))
                if out.old is not None:
                    _same_owner_and_mode(fh.fileno(), out.old)
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise self._failed(out, exc) from None

    @staticmethod
    def _create(out: _Output) -> int:
        """A new temporary file beside OUT, created exclusively (never through a symlink), open for writing."""
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        for _ in range(100):  # 48 random bits: a name taken twice running is never chance
            name = f".{out.name[:40]}.{os.urandom(6).hex()}.tmp"
            try:
                fd = os.open(name, flags, 0o666, dir_fd=out.folder)  # the umask applies, as to a plain open()
            except FileExistsError:
                continue
            out.staged = name
            return fd
        raise FileExistsError(errno.EEXIST, "no free temporary file name")

    def commit(self) -> None:
        """Publish every staged file, then let go of the files --force replaced."""
        for out in self.outputs.values():
            if out.staged is not None:
                self._publish(out)
        for out in self.outputs.values():
            out.published = False  # all are in place: from here on there is nothing to undo
        for out in self.outputs.values():
            if out.kept is not None:
                with contextlib.suppress(OSError):
                    os.unlink(out.kept, dir_fd=out.folder)
                out.kept = None
        self._close()

    def _publish(self, out: _Output) -> None:
        folder, staged = out.folder, out.staged
        assert staged is not None
        out.published = True  # first: an interruption from here on is rolled back (what is there is checked)
        try:
            if not self.force:
                self._publish_new(out, staged)
                return
            now = _lstat(folder, out.name)
            if now is not None and not stat.S_ISREG(now.st_mode):
                raise InputError(
                    f"{_shown(out.path, out.label)}: cannot write (it is now {_kind(now.st_mode)}, put there after "
                    f"mcstrat checked the path); mcstrat replaces only regular files; {self._status(out)}"
                )
            if now is not None:
                self._keep(out)
            os.replace(staged, out.name, src_dir_fd=folder, dst_dir_fd=folder)
            out.staged = None
        except OSError as exc:
            raise self._failed(out, exc) from None

    def _publish_new(self, out: _Output, staged: str) -> None:
        """Publish OUT's staged file under its name only if nothing is there: never replacing anything."""
        folder = out.folder
        try:
            os.link(staged, out.name, src_dir_fd=folder, dst_dir_fd=folder, follow_symlinks=False)
        except FileExistsError:
            raise self._exists(out) from None
        except OSError as exc:
            if exc.errno not in _NO_HARD_LINKS:
                raise
            # a file system without hard links: reserve the name (exclusively), then replace the reservation
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            try:
                fd = os.open(out.name, flags, 0o600, dir_fd=folder)
            except FileExistsError:
                raise self._exists(out) from None
            reserved = _inode(os.fstat(fd))
            os.close(fd)
            try:
                os.replace(staged, out.name, src_dir_fd=folder, dst_dir_fd=folder)
            except BaseException:
                with contextlib.suppress(OSError):
                    if _inode(_lstat(folder, out.name)) == reserved:  # the empty reservation, if still there
                        os.unlink(out.name, dir_fd=folder)
                raise
        else:
            with contextlib.suppress(OSError):
                os.unlink(staged, dir_fd=folder)
        out.staged = None

    @staticmethod
    def _keep(out: _Output) -> None:
        """Keep the file --force is about to replace under a hidden name, so a rollback can put it back."""
        kept = f".{out.name[:40]}.{os.urandom(6).hex()}.old"
        out.kept = kept
        try:
            os.link(out.name, kept, src_dir_fd=out.folder, dst_dir_fd=out.folder, follow_symlinks=False)
        except OSError as exc:
            if exc.errno not in _NO_HARD_LINKS:
                raise
            os.rename(out.name, kept, src_dir_fd=out.folder, dst_dir_fd=out.folder)  # no hard links: move it aside

    def rollback(self) -> None:
        """Remove the temporary files and what this run published; put back each file --force replaced."""
        for out in reversed(self.outputs.values()):
            folder = out.folder
            if folder < 0:  # already closed: committed or rolled back
                continue
            if out.published and out.kept is not None:
                self._put_back(out)  # a copy it cannot put back stays, under its hidden name: never lost
            elif out.published and out.written is not None and _inode(_lstat(folder, out.name)) == out.written:
                with contextlib.suppress(OSError):
                    os.unlink(out.name, dir_fd=folder)
            elif out.kept is not None:  # everything was published; only letting go of it was interrupted
                with contextlib.suppress(OSError):
                    os.unlink(out.kept, dir_fd=folder)
            if out.staged is not None:
                with contextlib.suppress(OSError):
                    os.unlink(out.staged, dir_fd=folder)
            out.staged, out.published = None, False
        self._close()

    @staticmethod
    def _put_back(out: _Output) -> None:
        """Put the file --force replaced back in place (if its hidden copy was made at all)."""
        folder, kept = out.folder, out.kept
        assert kept is not None
        with contextlib.suppress(OSError):
            held = _lstat(folder, kept)
            if held is None:
                return
            if _inode(held) == _inode(_lstat(folder, out.name)):  # never replaced after all
                os.unlink(kept, dir_fd=folder)
            else:
                os.replace(kept, out.name, src_dir_fd=folder, dst_dir_fd=folder)
            out.kept = None

    def _close(self) -> None:
        for out in self.outputs.values():
            if out.folder >= 0:
                with contextlib.suppress(OSError):
                    os.close(out.folder)
                out.folder = -1

    def __del__(self) -> None:
        self._close()  # outputs added but never written (a later error before the block)

    def _status(self, out: _Output) -> str:
        others = [_shown(o.path, o.label) for o in self.outputs.values() if o is not out]
        shown = _shown(out.path, out.label)
        return "nothing was written" if not others else "none of " + ", ".join([shown, *others]) + " was written"

    def _exists(self, out: _Output) -> McstratError:
        return InputError(
            f"{_shown(out.path, out.label)}: already exists; pass --force to replace it; {self._status(out)}"
        )

    def _failed(self, out: _Output, exc: OSError) -> McstratError:
        fix = f"; {_fix(exc)}" if path_fault(exc) else ""
        return write_refused(
            f"{_shown(out.path, out.label)}: cannot write ({os_reason(exc)}){fix}; {self._status(out)}", exc
        )

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


def _same_owner_and_mode(fd: int, old: os.stat_result) -> None:
    """Give the file open as FD the permissions of OLD, the file it replaces: its mode, and its owner and group.

    Only root can give a file to another user; any user may give it a group they belong to (else it
    keeps theirs). Set-user-ID, set-group-ID and sticky bits are not copied: a record is not a program.
    """
    if os.geteuid() == 0:
        os.fchown(fd, old.st_uid, old.st_gid)
    else:
        with contextlib.suppress(PermissionError):
            os.fchown(fd, -1, old.st_gid)
    os.fchmod(fd, stat.S_IMODE(old.st_mode) & 0o777)


def write_atomic(path: Path, text: str | bytes, force: bool = False) -> None:
    """Write TEXT to PATH atomically: a failure or Ctrl-C never leaves a partial file."""
    with Outputs(force) as out:
        out.add("", path)
        out.stage(path, text)
