"""Web pages (.html, .htm): the content of the page, without its navigation and boilerplate."""

import re
from collections.abc import Iterator

from bs4 import BeautifulSoup, NavigableString, Tag, UnicodeDammit
from bs4.element import PreformattedString
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from regiodeal.ingest.documents import BlockKind, ReadDocument, assemble
from regiodeal.ingest.errors import UnreadableFileError

from ._common import Part, clean_controls, count_controls, split_entries
from ._sniff import mismatch

# Far more text than any decision list; parsing more would only cost memory and time.
MAX_HTML_CHARS = 50_000_000

# fmt: off
_DROPPED = frozenset({
    "script", "style", "nav", "aside", "form", "noscript", "template", "iframe", "object",
    "embed", "svg", "math", "canvas", "button", "select", "textarea", "dialog", "head",
})
# fmt: on
_DROPPED_ROLES = frozenset({"navigation", "search", "complementary"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_NESTED = frozenset({"ul", "ol", "table"})
# Elements that end a run of inline text. A "div" with text of its own becomes a paragraph.
# fmt: off
_BLOCKS = frozenset({
    "address", "article", "blockquote", "body", "caption", "center", "dd", "details", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "hr", "html",
    "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul",
})
# fmt: on
# Cookie banners, skip links and breadcrumbs by their usual class or id; only names that are
# never used for content ("social" or "banner" can be either, so they are not here).
_BOILERPLATE = re.compile(r"cookie|consent|skip-?link|skip-to|breadcrumb|kruimelpad", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Whitespace in HTML source is layout; a non-breaking space is content, normalise() handles it.
_SOURCE_WHITESPACE = re.compile(r"[ \t\n\r\f]+")


def decode(data: bytes, name: str) -> str:
    """The page as text: the BOM, the declared charset (HTTP-equiv/meta), then sniffing."""
    dammit = UnicodeDammit(data, user_encodings=["utf-8", "windows-1252"], is_html=True)
    markup = dammit.unicode_markup
    if (
        markup is None
        or "\x00" in markup
        or count_controls(markup) + markup.count("\ufffd") > max(4, len(markup) // 100)
    ):
        raise mismatch(name, "binary")
    if len(markup) > MAX_HTML_CHARS:
        raise UnreadableFileError(
            _("%(file)s holds more text than can be imported (at most %(limit)s characters).")
            % {"file": name, "limit": number_format(MAX_HTML_CHARS, force_grouping=True)},
            code="too_much_text",
        )
    return clean_controls(markup)


def read_html(data: bytes, source: str) -> ReadDocument:
    soup = BeautifulSoup(decode(data, source), "lxml")
    parts = _blocks(soup)
    title = soup.title.get_text(" ") if soup.title else ""
    if title.strip() and not any(part[3] == "h1" and part[1].strip() for part in parts):
        # The <title> stands in for a missing h1; with an h1 it mostly repeats the site name.
        parts.insert(0, (BlockKind.HEADING, title, 1, "title"))
    return assemble(source, "html", parts)


def _dropped(tag: Tag) -> bool:
    """Navigation, scripts, forms, hidden elements, and the site's own header and footer."""
    name = tag.name
    if name in _DROPPED or tag.has_attr("hidden"):
        return True
    if tag.get("aria-hidden") == "true" or tag.get("role") in _DROPPED_ROLES:
        return True
    if _HIDDEN_STYLE.search(str(tag.get("style") or "")):
        return True
    names = " ".join([*tag.get_attribute_list("class"), str(tag.get("id") or "")])
    if _BOILERPLATE.search(names):
        return True
    if name in ("header", "footer"):
        # The header of an article (or one holding the h1, as in our own besluitenlijst) is
        # content: it carries the title. Only the site's banner and footer are boilerplate.
        if tag.find_parent(["article", "main"]) is not None:
            return False
        return not (name == "header" and tag.find("h1") is not None)
    return False


def _blocks(soup: BeautifulSoup) -> list[Part]:
    """Walk the tree in document order without recursion (pages can nest deeply)."""
    parts: list[Part] = []
    inline: list[str] = []
    # (children still to visit, the block element they belong to or None for inline ones)
    stack: list[tuple[Iterator, Tag | None]] = [(iter(soup.contents), None)]
    consumed: set[int] = set()  # <dd> elements already read with their <dt>

    def flush() -> None:
        text = "".join(inline)
        inline.clear()
        style = next((owner.name for _, owner in reversed(stack) if owner is not None), "")
        entries = split_entries(text.split("\n"))
        if entries is not None:
            # Lines separated by <br> that each look like "Titel – Aanvrager – € 99.999;".
            parts.extend((BlockKind.LIST_ITEM, entry, None, "br") for entry in entries)
        elif text.strip():
            parts.append((BlockKind.PARAGRAPH, text, None, style))

    while stack:
        children, owner = stack[-1]
        node = next(children, None)
        if node is None:
            if owner is not None:
                flush()  # before the pop, so that the paragraph gets this block's tag as style
            stack.pop()
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):  # comments, CDATA, doctype
                inline.append(_SOURCE_WHITESPACE.sub(" ", str(node)))
            continue
        if not isinstance(node, Tag) or _dropped(node):
            continue
        name = node.name
        if id(node) in consumed:
            continue
        if name == "br":
            inline.append("\n")
        elif name == "dt" and (field := _field(node)) is not None:
            # A short term–value pair ("Subsidiebedrag" / "12.500 EUR") reads as one line, the
            # way the page shows it; a term with a long description stays two blocks.
            flush()
            text, values = field
            consumed.update(id(value) for value in values)
            parts.append((BlockKind.PARAGRAPH, text, None, "dl"))
        elif name == "summary":
            flush()
            parts.append((BlockKind.HEADING, _text(node)[0], None, name))
        elif name in _HEADINGS:
            flush()
            parts.append((BlockKind.HEADING, _text(node)[0], int(name[1]), name))
        elif name == "tr":
            flush()
            cells = node.find_all(["td", "th"], recursive=False)
            if len(cells) == 1:
                # A one-cell row is a layout box around content, not a row of data.
                stack.append((iter(cells[0].contents), cells[0]))
                continue
            texts = [_text(cell)[0] for cell in cells]
            if any(text.strip() for text in texts):
                parts.append((BlockKind.TABLE_ROW, " | ".join(texts), None, "tr"))
        elif name == "li":
            flush()
            text, nested = _text(node, prune=_NESTED)
            parts.append((BlockKind.LIST_ITEM, text, None, "li"))
            # Only the nested lists and tables are left to walk: each item is read once.
            stack.append((iter(nested), None))
        elif name in _BLOCKS:
            flush()
            stack.append((iter(node.contents), node))
        else:
            stack.append((iter(node.contents), None))
    flush()
    return parts


def _field(term: Tag) -> tuple[str, list[Tag]] | None:
    """ "Term: value" for a <dt> whose <dd> values are short, with those <dd> elements."""
    values: list[Tag] = []
    for sibling in term.find_next_siblings():
        if sibling.name != "dd":
            break
        values.append(sibling)
    texts = [" ".join(_text(value)[0].split()) for value in values]
    if not values or sum(len(text) for text in texts) > 80:
        return None
    return f"{' '.join(_text(term)[0].split())}: {'; '.join(texts)}", values


def _text(tag: Tag, prune: frozenset[str] = frozenset()) -> tuple[str, list[Tag]]:
    """The text of an element, and the descendants named in prune that were left out."""
    pieces: list[str] = []
    pruned: list[Tag] = []
    stack: list[Iterator] = [iter(tag.contents)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):
                pieces.append(_SOURCE_WHITESPACE.sub(" ", str(node)))
        elif isinstance(node, Tag) and not _dropped(node):
            if node.name in prune:
                pruned.append(node)
            elif node.name == "br":
                pieces.append("\n")
            else:
                if node.name in _BLOCKS or node.name in _HEADINGS:
                    pieces.append(" ")  # "<p>a</p><p>b</p>" is "a b", not "ab"
                stack.append(iter(node.contents))
    return "".join(pieces), pruned
