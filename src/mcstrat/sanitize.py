"""The one sanitiser of user-controlled text, one function per output channel.

Model names, descriptions, criterion labels, stakeholder names, file paths and the key paths in
error messages all come from files a user (or someone who sent them a file) wrote. Before any of
it is written it passes through exactly one of these functions, chosen by where it goes:

- `terminal`: the terminal views, the exports of them and comments in files mcstrat writes.
  Control and format characters (C0 but newline where allowed, DEL, C1, surrogates, every
  Unicode format character: bidi marks, embeddings, overrides and isolates, zero-width spaces
  and joiners, soft hyphen, BOM, tag characters..., line and paragraph separators) and the
  characters that only serve to hide text (Hangul fillers, the combining grapheme joiner, a run
  of variation selectors) are each replaced by U+FFFD, so an escape sequence cannot act and
  hidden text shows that something was there. Tabs become spaces.
- `one_line`: every line of a message on stderr. As `terminal`, with each CR and LF shown as the
  escape `\\r` or `\\n`, so a file name or a value holding a line break (a file named
  "x\\nError: all good.yaml") can never start a line of its own: one line per problem, no forged line.
- `csv_cell`: the same (newlines kept: the csv module quotes them), then a text cell starting
  with = + - @ (or their full-width forms), tab or CR, even after leading spaces, is made inert
  with a leading single quote (the OWASP rule); numbers, and text that is just a number, stay
  numbers.
- `markdown`: the same on one line (a line break becomes a space, as Markdown itself reads it),
  then HTML-escaped (< >, and & where it could start an entity) and Markdown-escaped (backslash,
  `, *, _ outside a word, [, ], |, ~, and a leading "# ", "- ", "+ ", "1. " or "==="), so it can
  produce neither raw HTML, nor a link, nor a heading or list, nor break a table.
  `markdown_link` writes a link only for an http(s) URL (`safe_url`), percent-encoded inside <...>.
- `html`: the same, then HTML-escaped with quotes, for text and attribute values.
- `chart`: the same on one line, with `$` escaped so matplotlib never reads it as mathtext
  (the charts of the decision record; matplotlib escapes what SVG needs itself).
- `clip` and `quoted`: cut a value echoed in a message to a sane length, with an ellipsis.
- `json_text`: JSON keeps the exact text. json.dumps escapes C0 controls, but with
  ensure_ascii=False it writes C1 controls, bidi overrides and zero-width characters raw; this
  writes those as \\uXXXX escapes too, so the text reads back identical and cannot act on a terminal.
  `yaml_text` does the same for the YAML files mcstrat writes (saved answers).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

#: What replaces each neutralised character: visible, and inert on every channel.
REPLACEMENT = "\ufffd"
#: Values echoed in messages are cut to this many characters.
CLIP = 120

#: Unicode categories that are never written: controls, format characters, surrogates, line and
#: paragraph separators. str.isprintable() is False for all of them (and for a few harmless ones,
#: such as a no-break space), so clean text costs one C call; otherwise only the characters
#: outside printable ASCII are looked up (`_replace_unsafe`).
UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_NOT_PRINTABLE_ASCII = re.compile(r"[^\x20-\x7e\n]")
# Letters and marks that render as nothing: Hangul fillers, the combining grapheme joiner, Khmer
# inherent vowels, Mongolian free variation selectors. A variation selector is kept only right
# after a character that is not one (an emoji's U+FE0F); a run of them can carry hidden data.
_VS = "\ufe00-\ufe0f\U000e0100-\U000e01ef"
_INVISIBLE = re.compile(f"[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u3164\uffa0]|(?:^|(?<=[{_VS}]))[{_VS}]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\Z")
_LINE_BREAK = re.compile(r"[ \t]*(?:\r\n?|\n)[ \t]*")
_ENTITY_START = re.compile(r"&(?=[#A-Za-z0-9])")  # a bare "R. & P." stays readable; "&lt;" cannot decode
_MD_SPECIAL = re.compile(r"([\\`*\[\]|~])")
_MD_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")  # an underscore not inside a word
# What would make a line a heading, a list item or a setext underline: an ATX marker or a bullet
# followed by a space (or nothing), an ordered-list number, a line of = or - (and spaces).
_MD_LINE_START = re.compile(
    r"\A(?:(?P<mark>#{1,6}|[-+])(?=[ \t]|\Z)|(?P<num>\d{1,9})(?P<dot>[.)])(?=[ \t]|\Z)|(?P<rule>[=-])(?=[=\- \t]*\Z))"
)
_URL = re.compile(r"https?://[^/?#\s]", re.IGNORECASE)
_URL_ESCAPES = {c: f"%{ord(c):02X}" for c in '|<>"\\`{}^'}


def terminal(text: str, *, newlines: bool = False) -> str:
    """TEXT with every control and format character made visible and inert (tabs become spaces)."""
    text = str(text).replace("\t", " ")
    if newlines:
        text = text.replace("\r\n", "\n")
    text = _replace_unsafe(_INVISIBLE.sub(REPLACEMENT, text), lambda ch: REPLACEMENT)
    return text if newlines else text.replace("\n", REPLACEMENT)


def one_line(text: str) -> str:
    """TEXT as one line of a message: as `terminal`, with each CR and LF shown as the escape \\r or \\n."""
    return terminal(str(text).replace("\r", "\\r").replace("\n", "\\n"))


def _replace_unsafe(text: str, replace: Callable[[str], str]) -> str:
    """TEXT with each character of an unsafe category (newline apart) replaced by REPLACE(it)."""
    if text.replace("\n", "").isprintable():  # one C call settles the common case
        return text

    def one(found: re.Match[str]) -> str:
        ch = found[0]
        return replace(ch) if unicodedata.category(ch) in UNSAFE_CATEGORIES else ch

    return _NOT_PRINTABLE_ASCII.sub(one, text)


def clip(text: str, limit: int = CLIP) -> str:
    """TEXT cut to LIMIT characters with an ellipsis, for echoing a value in a message."""
    text = str(text)
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


def quoted(value: object, limit: int = CLIP) -> str:
    """VALUE as repr() shows it in a message, a long string cut to LIMIT characters inside its quotes."""
    if isinstance(value, str):
        return repr(clip(value, limit))
    return clip(repr(value), limit)


def csv_cell(value: object) -> object:
    """A CSV cell: numbers as they are, text cleaned and kept from acting as a spreadsheet formula."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    raw = str(value)
    text = terminal(raw, newlines=True)
    if _NUMBER.match(text):
        return text
    if raw.lstrip(" ").startswith(_FORMULA_START) or text.lstrip(" ").startswith(_FORMULA_START):
        text = "'" + text
    return text


def markdown(text: str) -> str:
    """TEXT safe inside a Markdown paragraph or table cell: one line, no HTML, no link, no table break."""
    text = terminal(_LINE_BREAK.sub(" ", str(text))).strip(" ")
    text = _ENTITY_START.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_UNDERSCORE.sub(r"\\_", _MD_SPECIAL.sub(r"\\\1", text))
    return _MD_LINE_START.sub(_escape_line_start, text)


def _escape_line_start(found: re.Match[str]) -> str:
    if found["num"]:
        return f"{found['num']}\\{found['dot']}"
    return "\\" + (found["mark"] or found["rule"])


def safe_url(url: str | None) -> str | None:
    """URL ready to link when it is an absolute http(s) address without spaces or control characters, else None.

    Characters a Markdown table or a <...> link could stumble on (| < > " \\ ` { } ^) are percent-encoded.
    """
    if not url:
        return None
    url = url.strip()
    if not _URL.match(url) or terminal(url) != url or any(ch.isspace() for ch in url):
        return None
    return "".join(_URL_ESCAPES.get(ch, ch) for ch in url)


def markdown_link(text: str, url: str | None) -> str:
    """A Markdown link to URL when it is a plain http(s) address, else just the (escaped) text.

    When TEXT is the URL itself, the link is the autolink <URL>.
    """
    target = safe_url(url)
    if target and url and text.strip() == url.strip():
        return f"<{target}>"
    shown = markdown(text)
    return f"[{shown}](<{target}>)" if target else shown


def json_text(dumped: str) -> str:
    """JSON text (from json.dumps) with every unsafe character in its strings written as a \\u escape."""
    return _replace_unsafe(dumped, _json_escape)


def json_ascii(dumped: str) -> str:
    """JSON text with every character outside ASCII as a \\u escape (they occur only inside strings),
    for a standard output that cannot encode them: the JSON means the same."""
    return "".join(ch if ord(ch) < 128 else _json_escape(ch) for ch in dumped)


def yaml_text(dumped: str) -> str:
    """YAML text with every unsafe character written as a \\u or \\U escape.

    Escapes mean something only inside double-quoted scalars: the dumper must double-quote every
    string holding such a character (PyYAML writes bidi and zero-width characters raw otherwise).
    """
    return _replace_unsafe(dumped, lambda ch: f"\\U{ord(ch):08x}" if ord(ch) > 0xFFFF else f"\\u{ord(ch):04x}")


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code > 0xFFFF:  # a surrogate pair, as JSON spells characters beyond the BMP
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def html(text: str, *, newlines: bool = False) -> str:
    """TEXT safe as HTML text or a quoted attribute value."""
    cleaned = terminal(text, newlines=newlines)
    return (
        cleaned.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def chart(text: str) -> str:
    """TEXT safe as a matplotlib label: one line, no control characters, `$` never starting mathtext."""
    return terminal(text).replace("$", r"\$")
