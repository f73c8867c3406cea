"""OpenDocument styles for the ODT reader: which style a paragraph has, and what is bold."""

from odf.namespaces import FONS, STYLENS, TEXTNS

from ._common import HEADING_MAX_CHARS

# A chain of parent styles longer than this is a loop in a crafted file, not a real document.
MAX_CHAIN = 10


class OdfStyles:
    """The common and automatic styles of a document, by name."""

    def __init__(self, document) -> None:
        # name -> (display name, parent name, automatic, bold: True/False/None = inherited)
        self._own: dict[str, tuple[str, str, bool, bool | None]] = {}
        for container, automatic in ((document.styles, False), (document.automaticstyles, True)):
            for style in container.childNodes:
                if getattr(style, "qname", None) != (STYLENS, "style"):
                    continue
                name = style.getAttrNS(STYLENS, "name") or ""
                display = style.getAttrNS(STYLENS, "display-name") or name.replace("_20_", " ")
                parent = style.getAttrNS(STYLENS, "parent-style-name") or ""
                self._own[name] = (display, parent, automatic, _bold(style))

    def chain(self, name: str) -> tuple[str, ...]:
        """The names of a style and the styles it is based on, the nearest first.

        Automatic styles ("P1", what LibreOffice makes of direct formatting) are followed to
        their parent but not named: "Heading 2", not "P1", is the style a person chose.
        """
        names: list[str] = []
        for display, automatic, _bold in self._ancestry(name):
            if not automatic:
                names.append(display)
        return tuple(names)

    def bold(self, name: str) -> bool | None:
        """Whether the style (or one it is based on) sets bold; None if none says."""
        for _display, _automatic, bold in self._ancestry(name):
            if bold is not None:
                return bold
        return None

    def _ancestry(self, name: str):
        steps = 0
        while name in self._own and steps < MAX_CHAIN:
            display, name, automatic, bold = self._own[name]
            yield display, automatic, bold
            steps += 1

    def is_fake_heading(self, paragraph, text: str) -> bool:
        """A short paragraph all of whose text is bold: how many people type a heading."""
        stripped = text.strip()
        if not stripped or len(stripped) >= HEADING_MAX_CHARS or stripped.endswith((".", ",", ";")):
            return False
        stack = [(paragraph, bool(self.bold(paragraph.getAttrNS(TEXTNS, "style-name") or "")))]
        while stack:
            node, bold = stack.pop()
            for child in node.childNodes:
                if child.nodeType == child.TEXT_NODE:
                    if child.data.strip() and not bold:
                        return False
                elif getattr(child, "qname", None) == (TEXTNS, "span"):
                    own = self.bold(child.getAttrNS(TEXTNS, "style-name") or "")
                    stack.append((child, bold if own is None else own))
                else:
                    stack.append((child, bold))
        return True


def _bold(style) -> bool | None:
    for child in style.childNodes:
        if getattr(child, "qname", None) == (STYLENS, "text-properties"):
            weight = child.getAttrNS(FONS, "font-weight")
            if weight:
                return weight == "bold" or (weight.isdigit() and int(weight) >= 600)
    return None
