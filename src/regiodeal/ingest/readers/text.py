"""Plain text (.txt) and Markdown (.md): blocks are separated by blank lines."""

import re

from regiodeal.ingest.documents import BlockKind, ReadDocument, assemble

from ._common import (
    BULLET,
    ENUMERATOR,
    Part,
    clean_controls,
    count_controls,
    is_heading_like,
    is_list_marker,
    promote_title,
    split_entries,
    strip_bullet,
)

_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_MD_LIST = re.compile(r"^\s*(?:[-*+]\s+|(?=\d{1,9}[.)]\s))")
_MD_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_MD_RULE = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_MD_FENCE = re.compile(r"^ {0,3}(?:```|~~~)")
_MD_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_MD_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_MD_IMAGE_OR_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"
)
_MD_CODE = re.compile(r"`+([^`]*)`+")
# Backslash escapes, as publishing/renderers/markdown.py writes them: \&, \<, 3\. and so on.
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>&~])")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def decode(data: bytes) -> str | None:
    """The text of a .txt or .md file, or None if it is binary rather than text.

    Dutch office files come as UTF-8 (with a BOM from Notepad and Excel, often without one)
    or as Windows-1252 from older Windows programs; a try-order suffices for those two. Valid
    UTF-8 is almost never accidentally anything else, so it goes first; cp1252 decodes almost
    any byte string, so it goes last, and binary noise is then caught by its control
    characters. A UTF-16 byte order mark (Notepad's "Unicode") is unambiguous, so it is honoured.
    """
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")
        else:
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    # Ctrl-Z ended text files under DOS; some old exports still carry one. A form feed is a
    # page break and a vertical tab a line break (Word's manual one) in text exports.
    text = text.rstrip("\x1a").replace("\f", "\n\n").replace("\v", "\n")
    if "\x00" in text or count_controls(text) > max(4, len(text) // 100):
        return None
    return clean_controls(text).replace("\r\n", "\n").replace("\r", "\n")


def read_text(text: str, source: str) -> ReadDocument:
    parts: list[Part] = []
    for index, group in enumerate(_groups(text.split("\n"))):
        if len(group) == 1 and is_heading_like(group[0]):
            # A short line alone between blank lines: a heading.
            parts.append((BlockKind.HEADING, group[0], None, ""))
        elif (entries := split_entries(group)) is not None:
            parts += [(BlockKind.LIST_ITEM, entry, None, "") for entry in entries]
        elif index == 0 and len(group) <= 3 and all(is_heading_like(line) for line in group):
            # The title with a subtitle under it ("Regio Deal ..."), no blank line between.
            parts.append((BlockKind.HEADING, group[0], None, ""))
            parts.append((BlockKind.PARAGRAPH, "\n".join(group[1:]), None, ""))
        elif len(group) >= 2 and _leads_with_heading(group):
            # "1. Project title" with its paragraph right under it.
            parts.append((BlockKind.HEADING, group[0], None, ""))
            parts += _lines(group[1:])
        else:
            parts += _lines(group)
    # Plain text has no levels; the first heading is taken for the title (level 1).
    return assemble(source, "txt", promote_title(parts))


def _leads_with_heading(group: list[str]) -> bool:
    """A short first line over a line of prose at least twice its length.

    A hard-wrapped paragraph has lines of about equal length, so its first line never is.
    """
    first, second = group[0].strip(), group[1].strip()
    return (
        is_heading_like(ENUMERATOR.sub("", first, count=1))
        and not BULLET.match(first)
        and not is_list_marker(second)
        and (second[:1].isupper() or second[:1].isdigit())
        and len(first) * 2 <= len(second)
    )


def _lines(group: list[str]) -> list[Part]:
    """Lines with a bullet start list items; the others continue the block before them."""
    parts: list[Part] = []
    current: list[str] = []
    kind = BlockKind.PARAGRAPH
    for line in group:
        if is_list_marker(line):
            if current:
                parts.append((kind, "\n".join(current), None, ""))
            current, kind = [strip_bullet(line)], BlockKind.LIST_ITEM
        else:
            current.append(line)
    if current:
        parts.append((kind, "\n".join(current), None, ""))
    return parts


def _groups(lines: list[str]) -> list[list[str]]:
    groups: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [group for group in groups if group]


def read_markdown(text: str, source: str) -> ReadDocument:
    parts: list[Part] = []
    current: list[str] = []
    kind: BlockKind | None = None  # of the block being collected in current
    in_fence = False

    def flush() -> None:
        nonlocal current, kind
        if current and kind is not None:
            style = "li" if kind is BlockKind.LIST_ITEM else "p"
            parts.append((kind, _inline(" ".join(current)), None, style))
        current, kind = [], None

    lines = text.split("\n")
    for index, raw in enumerate(lines):
        line = _MD_QUOTE.sub("", raw)
        if _MD_FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if not line.strip():
            flush()
            continue
        if in_fence:
            current.append(line)
            kind = BlockKind.PARAGRAPH
            continue
        if heading := _MD_HEADING.match(line):
            flush()
            level = len(heading.group(1))
            parts.append((BlockKind.HEADING, _inline(heading.group(2) or ""), level, f"h{level}"))
            continue
        if (setext := _MD_SETEXT.match(line)) and kind is BlockKind.PARAGRAPH:
            level = 1 if setext.group(1).startswith("=") else 2
            parts.append((BlockKind.HEADING, _inline(" ".join(current)), level, f"h{level}"))
            current, kind = [], None
            continue
        if _MD_RULE.match(line):
            flush()
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if "|" in line and (
            line.lstrip().startswith("|")
            or kind is BlockKind.TABLE_ROW
            or ("|" in following and _MD_TABLE_SEPARATOR.match(following))
        ):
            flush()
            if not _MD_TABLE_SEPARATOR.match(line):
                parts.append((BlockKind.TABLE_ROW, _row(line), None, "tr"))
            kind = BlockKind.TABLE_ROW  # until a blank line: later rows need no leading "|"
            continue
        if _MD_LIST.match(line):
            flush()
            current, kind = [_MD_LIST.sub("", line, count=1)], BlockKind.LIST_ITEM
            continue
        if kind is BlockKind.TABLE_ROW:
            kind = None
        if kind is None:
            kind = BlockKind.PARAGRAPH
        # Lazy continuation: a line after a list item belongs to it, as in CommonMark.
        current.append(line)
    flush()
    return assemble(source, "md", parts)


def _row(line: str) -> str:
    line = line.strip()
    line = line.removeprefix("|")
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return " | ".join(_inline(cell).strip() for cell in _UNESCAPED_PIPE.split(line))


def _inline(text: str) -> str:
    """Markdown's inline markup removed: the extractor wants "Titel", not "**Titel**"."""
    text = _MD_IMAGE_OR_LINK.sub(r"\1", text)
    text = _MD_CODE.sub(r"\1", text)
    text = _MD_STRONG.sub(r"\2", text)
    text = _MD_EMPHASIS.sub(lambda match: match.group(1) or match.group(2), text)
    return _MD_ESCAPE.sub(r"\1", text)
