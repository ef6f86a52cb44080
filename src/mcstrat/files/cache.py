"""Remembering validated input files, so later runs skip parsing and pydantic entirely.

Validating a file with pydantic costs more start-up time than the rest of a command (importing
pydantic's model machinery and building the schemas). A file's validated content depends only
on its text and on mcstrat's own code, so it is saved under a key made from both, in
`$MCSTRAT_CACHE_DIR`, else `$XDG_CACHE_HOME/mcstrat` (an absolute XDG_CACHE_HOME only, as the
XDG rule says), else `$HOME/.cache/mcstrat`; with no HOME there is no cache. A folder the cache
creates is made 0700; a folder that already exists is never changed (chmodding a shared /tmp to 0700
would lock every other user out): it is used as it is when it is this user's and nobody else can
write in it, else (another user's folder, or one others may write in, such as /tmp with mode 1777)
entries go in a private subfolder `mcstrat-<uid>` inside it, created 0700; a symlink there, or a
folder of another user or one others may write in, means no cache. Only files that
validated are saved, and what is saved is the validated data itself: an invalid file is parsed
and reported every time, and a changed file or a changed mcstrat misses the cache.

An entry is never trusted more than the file it stands for. It is read with the guards of an input
file (a regular file of bounded size, opened without blocking, owned by this user); it must carry a
MAC made with this cache's own secret key (a 0600 file created once in the private folder; the MAC is
keyed BLAKE2b with a 256-bit tag, a MAC by design, from CPython's built-in `_blake2`, so that a
plain command never loads OpenSSL), so an entry planted or altered by anyone who cannot read that
key is a miss; and the objects built from it must pass the same invariants as a freshly validated
file (CHECK), or it is a miss. Entries are written under an unpredictable name opened exclusively
(mkstemp, 0600) and renamed into place. The cache is best effort: anything wrong with it just means
validating again. `MCSTRAT_NO_CACHE=1` (any value but empty, 0, false, no, off) turns it off;
deleting the folder at any time is safe.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from mcstrat.core.lines import Lines
from mcstrat.files.reading import MAX_BYTES, parse_structured, read_bytes, read_input, sha256_hex

T = TypeVar("T")
FORMAT = 3  # bump when what is stored changes shape (3: BLAKE2b MACs)
#: A validated file and its key-path lines as JSON; a few times the input's size at most.
MAX_ENTRY_BYTES = 8 * MAX_BYTES
_KEY_FILE = "key"
_OFF = ("", "0", "false", "no", "off")


def folder() -> Path | None:
    """Where validated files are kept, or None when caching is off."""
    if os.environ.get("MCSTRAT_NO_CACHE", "").strip().lower() not in _OFF:
        return None
    if os.environ.get("MCSTRAT_CACHE_DIR"):
        return Path(os.environ["MCSTRAT_CACHE_DIR"])
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):  # the XDG rule: a relative path is invalid and ignored
        return Path(xdg) / "mcstrat"
    home = os.environ.get("HOME", "")
    if not os.path.isabs(home):  # no HOME: no cache, rather than a folder somewhere unexpected
        return None
    return Path(home) / ".cache" / "mcstrat"


@functools.cache
def _code_stamp() -> str:
    """Changes whenever any of mcstrat's modules does, in any of its packages, so a new validator never trusts
    an old result."""
    root = Path(__file__).parent.parent  # the mcstrat package
    parts = []
    with contextlib.suppress(OSError):
        for where, subfolders, names in os.walk(root):
            subfolders[:] = sorted(d for d in subfolders if d != "__pycache__" and d != "data")
            for name in sorted(names):
                if name.endswith(".py"):
                    path = os.path.join(where, name)
                    st = os.stat(path)
                    parts.append(f"{os.path.relpath(path, root)}:{st.st_size}:{st.st_mtime_ns}")
    return ";".join(parts)


def _key(what: str, suffix: str, digest: str) -> str:
    parts = (str(FORMAT), what, suffix, _code_stamp(), digest)
    return sha256_hex(b"".join(part.encode("utf-8", "surrogatepass") + b"\0" for part in parts))


def load_validated(
    path: Path,
    what: str,
    validate: Callable[[Any, Lines], Any],
    build: Callable[[Any], T],
    check: Callable[[T], None],
) -> tuple[T, Lines, str]:
    """Read PATH and return BUILD(validated data), its key-path lines and the SHA-256 of its bytes.

    VALIDATE turns parsed data into plain, JSON-ready validated data (raising the file's
    errors); BUILD turns that into the objects the caller wants; CHECK raises unless they hold
    every invariant of a validated file. A cache hit skips parsing and validation; a hit that
    BUILD or CHECK refuses is a miss.
    """
    text, digest = read_input(path, what)
    base = folder()
    where = _private(base) if base is not None else None
    name = _key(what, path.suffix.lower(), digest) + ".json"
    secret = _secret(where) if where is not None else None
    if where is not None and secret is not None:
        hit = _read(where / name, secret)
        if hit is not None:
            try:
                built = build(hit[0])
                check(built)
            except Exception:  # whatever a damaged entry holds, it is only a miss
                pass
            else:
                return built, hit[1], digest
    data, lines = parse_structured(text, path, what)
    plain = validate(data, lines)
    if where is not None and secret is not None:
        _write(where, name, plain, lines, secret)
    return build(plain), lines, digest


def _mac(secret: bytes, body: bytes) -> str:
    """BODY's MAC under SECRET: keyed BLAKE2b, 32-byte tag (a key over BLAKE2b's 64 bytes is hashed to 64 first)."""
    try:
        from _blake2 import blake2b
    except ImportError:  # an interpreter without CPython's built-in module
        from hashlib import blake2b
    key = secret if len(secret) <= 64 else blake2b(secret).digest()
    return blake2b(body, digest_size=32, key=key, person=b"mcstrat-cache").hexdigest()


def _same(a: bytes, b: bytes) -> bool:
    """A == B in time independent of where they differ (hmac.compare_digest, without importing hmac's OpenSSL)."""
    try:
        from _operator import _compare_digest
    except ImportError:
        from hmac import compare_digest as _compare_digest  # type: ignore[no-redef,unused-ignore]
    return bool(_compare_digest(a, b))


def _private(base: Path) -> Path | None:
    """The folder to keep entries in, inside or at BASE, that only this user can write; None when there is none.

    BASE is created 0700 when missing (its parents as `mkdir -p` makes them) and then used. An existing
    BASE is never changed: used as it is when it is this user's and nobody else can write in it, else
    (a folder of another user, or one others may write in, such as /tmp) entries go in BASE/mcstrat-<uid>,
    created 0700 if missing and used only if it passes the same test. A BASE that is a symlink is not
    followed (as before: no cache), so nothing planted there can send entries elsewhere.
    """
    try:
        base.mkdir(mode=0o700, parents=True)
    except FileExistsError:
        pass
    except OSError:
        return None
    if _is_private(base):
        return base
    if not stat.S_ISDIR(_mode(base)):  # a symlink or a file: not a folder to make one inside
        return None
    sub = base / f"mcstrat-{os.geteuid()}"
    try:
        sub.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    return sub if _is_private(sub) else None


def _is_private(where: Path) -> bool:
    """True when WHERE is a real folder (not a symlink) of this user that nobody else can write in."""
    try:
        info = os.lstat(where)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.geteuid() and not info.st_mode & 0o022


def _mode(where: Path) -> int:
    """WHERE's mode, not following a symlink; 0 when it cannot be read."""
    try:
        return os.lstat(where).st_mode
    except OSError:
        return 0


def _secret(where: Path) -> bytes | None:
    """This cache's secret MAC key in the private folder WHERE, created once (0600, exclusively); None when unusable."""
    file = where / _KEY_FILE
    if os.path.lexists(file):
        try:
            key = _own_bytes(file, 256)
        except OSError:
            return None
        return key if len(key) >= 32 else None
    key = os.urandom(32)
    try:
        fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except FileExistsError:  # another run made it first: use theirs
        try:
            return _own_bytes(file, 256)
        except OSError:
            return None
    except OSError:
        return None
    try:
        os.write(fd, key)
    except OSError:
        return None
    finally:
        os.close(fd)
    return key


def _own_bytes(file: Path, limit: int) -> bytes:
    """The bytes of FILE if it is a regular file of this user that nobody else can write; OSError otherwise."""
    from mcstrat.errors import FileProblem

    info = os.lstat(file)
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o022:
        raise OSError(f"{file}: not a private regular file")
    try:
        return read_bytes(file, "cache entry", limit)
    except FileProblem as exc:
        raise OSError(str(exc)) from None


def _read(file: Path, secret: bytes) -> tuple[Any, Lines] | None:
    try:
        raw = _own_bytes(file, MAX_ENTRY_BYTES)
        mac, _, body = raw.partition(b"\n")
        if not _same(mac, _mac(secret, body).encode("ascii")):
            return None
        stored = json.loads(body.decode("utf-8"))
        lines: Lines = {}
        for path, line in stored["lines"]:
            if not isinstance(path, list) or type(line) is not int or line < 0:
                return None
            if not all(type(p) in (str, int) for p in path):
                return None
            lines[tuple(path)] = line
        return stored["data"], lines
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
        return None


def _write(where: Path, name: str, plain: Any, lines: Lines, secret: bytes) -> None:
    import tempfile

    tmp = None
    try:
        body = json.dumps(
            {"data": plain, "lines": [[list(p), n] for p, n in lines.items()]}, ensure_ascii=False
        ).encode("utf-8")
        fd, tmp = tempfile.mkstemp(prefix=".entry.", suffix=".tmp", dir=where)  # 0600, O_EXCL, unpredictable
        with os.fdopen(fd, "wb") as fh:
            fh.write(_mac(secret, body).encode("ascii") + b"\n" + body)
        os.replace(tmp, where / name)
    except (OSError, TypeError, ValueError):
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
