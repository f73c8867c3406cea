"""Markdown: the besluitenlijst as plain text for repositories, mail and open data.

Nothing is escaped that would read the same unescaped: a title with "&" or a curly apostrophe
stays as typed. Only what Markdown would turn into structure (a list, a heading, a tag) is.
"""

import re

from regiodeal.publishing.besluitenlijst import BesluitenlijstDocument

from . import common

# Line starts that would turn a paragraph into a heading, quote, list or rule.
_ATX_HEADING = re.compile(r"^#")
_BLOCKQUOTE = re.compile(r"^>")
_BULLET = re.compile(r"^([-+*])(?=\s|$)")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_RULE = re.compile(r"^([-*_])(?=(?:\s*\1){2,}\s*$)")
# Inline: an HTML tag or comment, and a character reference like "&euro;", would be
# interpreted instead of shown.
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# A run of "#" at the end of a heading is its optional closing sequence and would vanish.
_CLOSING_HASHES = re.compile(r"(\s)(#+)(\s*)$")


def escape_inline(text: str) -> str:
    return _ENTITY.sub(r"\\&", _TAG_START.sub(r"\\<", text))


def escape_block(text: str) -> str:
    """A paragraph that reads as text, not as Markdown structure."""
    text = escape_inline(text.strip())
    for pattern in (_ATX_HEADING, _BLOCKQUOTE, _RULE, _BULLET):
        if pattern.match(text):
            return "\\" + text
    return _ORDERED.sub(r"\1\\\2", text, count=1)


def escape_heading(text: str) -> str:
    text = escape_inline(text.strip())
    if text.startswith("#"):
        text = "\\" + text
    return _CLOSING_HASHES.sub(r"\1\\\2\3", text)


def render_markdown(document: BesluitenlijstDocument) -> bytes:
    blocks = [f"# {escape_heading(document.title)}", escape_block(common.meeting_line(document))]
    blocks += [escape_block(text) for text in document.introduction]
    for item in document.items:
        blocks.append(f"## {escape_heading(item.heading)}")
        blocks += [escape_block(text) for text in item.paragraphs]
        if conditions := common.conditions_text(item):
            blocks.append(f"*{common.CONDITIONS_LABEL}* {escape_inline(conditions)}")
    return ("\n\n".join(blocks) + "\n").encode("utf-8")
