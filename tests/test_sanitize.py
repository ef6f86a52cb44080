"""The one sanitiser: each channel's function on a wide table of hostile text, and its invariants."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mcstrat import sanitize
from mcstrat.sanitize import REPLACEMENT as R

SETTINGS = settings(max_examples=300, deadline=None)
#: Any text at all, lone surrogates included (hypothesis leaves those out by default).
ANY_TEXT = st.text(st.characters(exclude_categories=[]))


def unsafe(ch: str, newlines: bool = False) -> bool:
    """A character no channel may write: controls (bar newline where allowed), format characters, surrogates..."""
    if newlines and ch == "\n":
        return False
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp")


def unescaped_pipes(text: str) -> int:
    """Pipes a GitHub table would split on: those after an even number of backslashes."""
    return sum(1 for m in re.finditer(r"(\\*)\|", text) if len(m[1]) % 2 == 0)


# -- terminal ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain text", "plain text"),
        ("Sole institution “agile”", "Sole institution “agile”"),
        ("clear\x1b[2Jscreen", f"clear{R}[2Jscreen"),
        ("\x1b]0;title\x07", f"{R}]0;title{R}"),
        ("\x1b]8;;https://evil\x1b\\link\x1b]8;;\x1b\\", f"{R}]8;;https://evil{R}\\link{R}]8;;{R}\\"),
        ("C1 CSI \x9b31m and NEL \x85", f"C1 CSI {R}31m and NEL {R}"),
        ("NUL\x00 BEL\x07 BS\x08 VT\x0b FF\x0c", f"NUL{R} BEL{R} BS{R} VT{R} FF{R}"),
        ("carriage\rreturn", f"carriage{R}return"),
        ("DEL\x7f", f"DEL{R}"),
        ("two\nlines", f"two{R}lines"),
        ("tab\there", "tab here"),
        ("bidi \u202egnp.exe\u202c", f"bidi {R}gnp.exe{R}"),
        ("isolates \u2066x\u2069 \u2067y\u2068", f"isolates {R}x{R} {R}y{R}"),
        ("marks \u200e\u200f\u061c", f"marks {R}{R}{R}"),
        ("zero\u200bwidth\u200c\u200d\u2060\ufeff", f"zero{R}width{R}{R}{R}{R}"),
        ("soft\u00adhyphen", f"soft{R}hyphen"),
        ("line\u2028para\u2029", f"line{R}para{R}"),
        ("tag \U000e0041\U000e0042", f"tag {R}{R}"),
        ("lone surrogate \ud800", f"lone surrogate {R}"),
        ("Hangul filler \u3164 \u115f", f"Hangul filler {R} {R}"),
        ("heart ❤️ kept", "heart ❤️ kept"),
        ("a\ufe0f\ufe01\ufe02 hidden run", f"a\ufe0f{R}{R} hidden run"),
        ("\ufe0fleading selector", f"{R}leading selector"),
        ("non-breaking\u00a0space kept", "non-breaking\u00a0space kept"),
    ],
)
def test_terminal(text: str, expected: str) -> None:
    assert sanitize.terminal(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two\nlines", "two\nlines"),
        ("windows\r\nline", "windows\nline"),
        ("lone\rCR", f"lone{R}CR"),
        ("\x1b[31mred\x1b[0m\n", f"{R}[31mred{R}[0m\n"),
        ("sep\u2028", f"sep{R}"),
    ],
)
def test_terminal_with_newlines(text: str, expected: str) -> None:
    assert sanitize.terminal(text, newlines=True) == expected


@SETTINGS
@given(ANY_TEXT, st.booleans())
def test_terminal_never_writes_an_unsafe_character(text: str, newlines: bool) -> None:
    out = sanitize.terminal(text, newlines=newlines)
    assert not [ch for ch in out if unsafe(ch, newlines)]
    assert "\t" not in out and "\x1b" not in out
    assert sanitize.terminal(out, newlines=newlines) == out  # idempotent


@SETTINGS
@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_terminal_keeps_printable_text(text: str) -> None:
    if text.isprintable():
        kept = sanitize.terminal(text)
        assert len(kept) == len(text)  # one character in, one out: nothing is silently removed


# -- CSV --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("=1+1", "'=1+1"),
        ("+1+cmd", "'+1+cmd"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "' =1"),
        ("\r=1", f"'{R}=1"),
        ("  =1", "'  =1"),
        ("\uff1dHYPERLINK()", "'\uff1dHYPERLINK()"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        ("line\nbreak", "line\nbreak"),
        ("esc\x1b[2J", f"esc{R}[2J"),
        ("-5", "-5"),
        ("+2.5", "+2.5"),
        ("-1e3", "-1e3"),
        ("", ""),
        (3, 3),
        (-2.5, -2.5),
        (0, 0),
        (True, True),
        (None, None),
    ],
)
def test_csv_cell(value: object, expected: object) -> None:
    assert sanitize.csv_cell(value) == expected


@SETTINGS
@given(ANY_TEXT)
def test_csv_cell_never_starts_a_formula(text: str) -> None:
    out = sanitize.csv_cell(text)
    assert isinstance(out, str)
    assert not [ch for ch in out if unsafe(ch, newlines=True)]
    if out.lstrip(" ").startswith(("=", "+", "-", "@")):
        float(out)  # only a number may start so


# -- Markdown ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sole institution", "Sole institution"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("a | b", "a \\| b"),
        ("a \\| b", "a \\\\\\| b"),
        ("Tom & Jerry &amp; &#60; &lt", "Tom & Jerry &amp;amp; &amp;#60; &amp;lt"),
        ("[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))"),
        ("x](javascript:alert(1))", "x\\](javascript:alert(1))"),
        ("![img](http://x)", "!\\[img\\](http://x)"),
        ("*bold* _em_ `code` ~~del~~", "\\*bold\\* \\_em\\_ \\`code\\` \\~\\~del\\~\\~"),
        ("snake_case stays", "snake_case stays"),
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("> quote", "&gt; quote"),
        ("1. item", "1\\. item"),
        ("===", "\\==="),
        ("---", "\\---"),
        ("=== not a setext underline", "=== not a setext underline"),
        ("#1 and #2", "#1 and #2"),
        ("+12.5", "+12.5"),
        ("-0.5", "-0.5"),
        ("1) item", "1\\) item"),
        ("1.5 stays", "1.5 stays"),
        ("###### deep", "\\###### deep"),
        ("-- -", "\\-- -"),
        ("\t    <b>", "&lt;b&gt;"),
        ("two\nlines", "two lines"),
        ("cr\rlf\r\nend", "cr lf end"),
        ("  padded  ", "padded"),
        ("esc\x1b[2J", f"esc{R}\\[2J"),
        ("bidi\u202e", f"bidi{R}"),
        ("=cmd|' /C calc'!A0", "=cmd\\|' /C calc'!A0"),
    ],
)
def test_markdown(text: str, expected: str) -> None:
    assert sanitize.markdown(text) == expected


@SETTINGS
@given(ANY_TEXT)
def test_markdown_never_writes_html_a_table_break_or_a_control(text: str) -> None:
    out = sanitize.markdown(text)
    assert "<" not in out and ">" not in out
    assert unescaped_pipes(out) == 0
    assert "\n" not in out and "\r" not in out
    assert not [ch for ch in out if unsafe(ch)]
    assert not re.search(r"&(?!amp;|lt;|gt;)[#A-Za-z0-9]", out)  # no entity but ours can be decoded


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://doi.org/10.5334/jime.801", "https://doi.org/10.5334/jime.801"),
        ("http://example.org/a?b=1&c=2#x", "http://example.org/a?b=1&c=2#x"),
        ("  https://example.org/  ", "https://example.org/"),
        ("HTTPS://EXAMPLE.ORG/(a)", "HTTPS://EXAMPLE.ORG/(a)"),
        ("https://example.org/a|b", "https://example.org/a%7Cb"),
        ('https://example.org/"><script>', "https://example.org/%22%3E%3Cscript%3E"),
        ("javascript:alert(1)", None),
        ("JavaScript://%0aalert(1)", None),
        ("data:text/html,<script>", None),
        ("file:///etc/passwd", None),
        ("ftp://example.org/", None),
        ("https:example.org", None),
        ("https://", None),
        ("https://example.org/a b", None),
        ("https://example.org/\x1b[2J", None),
        ("https://exa\u202emple.org", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_url(url: str | None, expected: str | None) -> None:
    assert sanitize.safe_url(url) == expected


@pytest.mark.parametrize(
    ("text", "url", "expected"),
    [
        ("Brown et al.", "https://doi.org/10.5334/jime.801", "[Brown et al.](<https://doi.org/10.5334/jime.801>)"),
        ("x](javascript:alert(1))", "https://ok.org", "[x\\](javascript:alert(1))](<https://ok.org>)"),
        ("click", "javascript:alert(1)", "click"),
        ("<b>", "https://ok.org/a|b", "[&lt;b&gt;](<https://ok.org/a%7Cb>)"),
        ("no url", None, "no url"),
        ("https://ok.org/a|b", "https://ok.org/a|b", "<https://ok.org/a%7Cb>"),
        ("javascript:alert(1)", "javascript:alert(1)", "javascript:alert(1)"),
        ("https://x.org/<b>", "https://x.org/<b>", "<https://x.org/%3Cb%3E>"),
    ],
)
def test_markdown_link(text: str, url: str | None, expected: str) -> None:
    assert sanitize.markdown_link(text, url) == expected


@SETTINGS
@given(ANY_TEXT, ANY_TEXT | st.sampled_from(["https://example.org/a|b", "http://x.org/<i>", "javascript:x"]))
def test_markdown_link_only_links_http(text: str, url: str) -> None:
    out = sanitize.markdown_link(text, url)
    assert unescaped_pipes(out) == 0
    assert not [ch for ch in out if unsafe(ch)]
    if "](<" in out or out.startswith("<"):
        target = out.rsplit("](<", 1)[1][:-2] if "](<" in out else out[1:-1]
        assert target.lower().startswith(("http://", "https://"))
        assert "<" not in target and ">" not in target and not any(ch.isspace() for ch in target)
    else:
        assert "<" not in out


# -- HTML and clipping ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>alert('x')</script>", "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"),
        ('" onmouseover="x', "&quot; onmouseover=&quot;x"),
        ("a & b\x1b[2J", f"a &amp; b{R}[2J"),
    ],
)
def test_html(text: str, expected: str) -> None:
    assert sanitize.html(text) == expected


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 120, "short"),
        ("x" * 120, 120, "x" * 120),
        ("x" * 121, 120, "x" * 119 + "…"),
        ("abcdef", 4, "abc…"),
    ],
)
def test_clip(text: str, limit: int, expected: str) -> None:
    assert sanitize.clip(text, limit) == expected


def test_quoted_keeps_the_quotes_of_a_long_value() -> None:
    shown = sanitize.quoted("x" * 250_000)
    assert shown == "'" + "x" * 119 + "…'"
    assert sanitize.quoted([1, 2]) == "[1, 2]"
    assert sanitize.quoted("\x1b[2J") == "'\\x1b[2J'"


# -- JSON -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("plain “quotes”", '"plain “quotes”"'),
        ("C1 \x9b31m", '"C1 \\u009b31m"'),
        ("ESC \x1b[2J", '"ESC \\u001b[2J"'),
        ("bidi \u202e zero \u200b", '"bidi \\u202e zero \\u200b"'),
        ("tag \U000e0041", '"tag \\udb40\\udc41"'),
        ("line\nbreak", '"line\\nbreak"'),
    ],
)
def test_json_text(text: str, written: str) -> None:
    import json

    dumped = sanitize.json_text(json.dumps(text, ensure_ascii=False))
    assert dumped == written
    assert json.loads(dumped) == text


@SETTINGS
@given(
    st.recursive(
        st.text() | st.integers() | st.none(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)
    )
)
def test_json_text_keeps_the_exact_text_and_writes_nothing_unsafe(data: object) -> None:
    import json

    dumped = sanitize.json_text(json.dumps(data, indent=2, ensure_ascii=False))
    assert json.loads(dumped) == data
    assert not [ch for ch in dumped if unsafe(ch, newlines=True)]


def _rendered_tags(markdown_text: str) -> list[str]:
    from markdown_it import MarkdownIt  # comes with rich

    html = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(markdown_text)
    return re.findall(r"<([a-z0-9]+)", html)


@SETTINGS
@given(ANY_TEXT)
def test_markdown_renders_as_plain_text_in_a_paragraph_and_a_table_cell(text: str) -> None:
    """Rendered by a CommonMark + GFM tables renderer that passes raw HTML: no tag but the paragraph's or table's."""
    shown = sanitize.markdown(text)
    assert set(_rendered_tags(f"Before: {shown}")) <= {"p"}
    assert set(_rendered_tags(shown)) <= {"p"}
    assert set(_rendered_tags(f"A paragraph\n{shown}")) <= {"p"}  # no setext underline either
    table = _rendered_tags(f"| a | b |\n| --- | --- |\n| {shown} | end |")
    assert table.count("td") == 2 and set(table) <= {"table", "thead", "tbody", "tr", "th", "td"}


def test_json_ascii_escapes_everything_outside_ascii_and_means_the_same() -> None:
    from mcstrat.sanitize import json_ascii

    data = {"name": "MOOC — mené par «Coursera» 🎓", "n": 1}
    dumped = json.dumps(data, ensure_ascii=False)
    shown = json_ascii(dumped)
    assert shown.isascii()
    assert "\\u2014" in shown and "\\ud83c\\udf93" in shown  # beyond the BMP: a surrogate pair, as JSON spells it
    assert json.loads(shown) == data
