"""The one sanitiser of user-controlled text, one function per output channel.

Model names, descriptions, criterion labels, stakeholder names, file paths and the key paths in
error messages all come from files a user (or someone who sent them a file) wrote. Before any of
it is written it passes through exactly one of these functions, chosen by where it goes:

- `terminal`: the terminal views, the exports of them and every message on stderr. Control and
  format characters (C0 but newline where allowed, DEL, C1, bidi overrides and isolates,
  zero-width and other invisible format characters, line and paragraph separators) are each
  replaced by U+FFFD, so an escape sequence cannot act and hidden text cannot hide.
- `csv_cell`: the same, then a text cell starting with = + - @ (or, before cleaning, tab or CR)
  is made inert with a leading single quote (the OWASP rule); numbers stay numbers.
- `markdown`: the same on one line, then HTML-escaped (& < >) and Markdown-escaped
  (backslash, `, *, _, [, ], |, and a leading #, +, -, =, >), so it can neither produce raw
  HTML, nor a link, nor break a table. `markdown_link` writes a link only for http(s) URLs.
- `html`: the same, then HTML-escaped with quotes, for text and attribute values.
- `chart`: the same on one line, with `$` escaped so matplotlib never reads it as mathtext
  (the charts of the decision record; matplotlib escapes what SVG needs itself).
- `clip`: cuts a value echoed in a message to a sane length, with an ellipsis.

JSON needs none of this: it keeps the exact text, and json.dumps escapes what JSON must.
"""

from __future__ import annotations

import re

#: What replaces each neutralised character: visible, and inert on every channel.
REPLACEMENT = "\ufffd"
#: Values echoed in messages are cut to this many characters.
CLIP = 120

# C0 (all but newline; tab is handled apart), DEL, C1; the Unicode format characters that can
# reorder or hide text: Arabic letter mark, soft hyphen, Mongolian vowel separator, zero-width
# space/joiners, LRM/RLM, line/paragraph separators, bidi embeddings/overrides, word joiner and
# invisible operators, bidi isolates, deprecated format characters, BOM / zero-width no-break
# space, interlinear annotation marks, tag characters.
_UNSAFE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb\U000e0000-\U000e007f"
)
_UNSAFE_ONE_LINE = re.compile(f"[\n{_UNSAFE}]")
_UNSAFE_LINES = re.compile(f"[{_UNSAFE}]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|])")
_MD_LINE_START = re.compile(r"^(\s*)([#+\-=>])")
_SAFE_URL = re.compile(r"https?://[^\s<>\"'`\\()\[\]]+\Z", re.IGNORECASE)


def terminal(text: str, *, newlines: bool = False) -> str:
    """TEXT with every control and format character made visible and inert (tabs become spaces)."""
    text = str(text).replace("\t", " ")
    pattern = _UNSAFE_LINES if newlines else _UNSAFE_ONE_LINE
    if newlines:
        text = text.replace("\r\n", "\n")
    return pattern.sub(REPLACEMENT, text)


def clip(text: str, limit: int = CLIP) -> str:
    """TEXT cut to LIMIT characters with an ellipsis, for echoing a value in a message."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def csv_cell(value: object) -> object:
    """A CSV cell: numbers as they are, text cleaned and kept from acting as a spreadsheet formula."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    raw = str(value)
    text = terminal(raw, newlines=True)
    if raw.startswith(_FORMULA_START) or text.startswith(_FORMULA_START):
        text = "'" + text
    return text


def markdown(text: str) -> str:
    """TEXT safe inside a Markdown paragraph or table cell: one line, no HTML, no link, no table break."""
    text = terminal(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(r"\1\\\2", text)


def markdown_link(text: str, url: str | None) -> str:
    """A Markdown link to URL when it is a plain http(s) address, else just the (escaped) text."""
    shown = markdown(text)
    if url and _SAFE_URL.match(url.strip()):
        return f"[{shown}](<{url.strip()}>)"
    return shown


def safe_url(url: str | None) -> str | None:
    """URL when it is a plain http(s) address that may be linked, else None."""
    return url.strip() if url and _SAFE_URL.match(url.strip()) else None


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
