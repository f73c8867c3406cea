"""Check the gold files of the evaluation corpus.

Usage (from the repository root)::

    .venv/bin/python tests/corpus/check_gold.py [--gemeenten CSV] [--dump NAME]

Every document ``NAME.EXT`` in tests/corpus/ has its gold in ``NAME.gold.json`` (the
document's name without its extension). For every gold file it checks that the file parses,
has exactly the keys of the extractor's output contract, that amounts are strings with two
decimals (or null, which rejections and deferrals must be), that kinds are known, that
municipality codes look like CBS codes (and, with ``--gemeenten`` pointing at a CSV with
``code,name`` columns, that they exist under that name), and that every decision title occurs
verbatim in the text of its document (a non-breaking space in the document matches a space in
the title; for PDFs, whitespace is ignored in that comparison).

``--dump NAME`` prints the extracted text of one document instead.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import re
import sys
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCUMENT_SUFFIXES = {".txt", ".md", ".html", ".pdf", ".docx", ".odt"}
TOP_KEYS = {"source", "title", "date", "decisions"}
DECISION_KEYS = {
    "title",
    "amount",
    "approximate",
    "kind",
    "pillar",
    "places",
    "organisations",
    "description",
    "confidence",
    "evidence",
}
KINDS = {"new", "extension", "rejection", "deferral", "budget_change", "unknown"}
AMOUNT = re.compile(r"^-?\d+\.\d{2}$")
DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")
CODE = re.compile(r"^GM\d{4}$")


def extract_text(path: Path) -> str:
    suffix = path.suffix
    if suffix in (".txt", ".md"):
        data = path.read_bytes()
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("cp1252")
    if suffix == ".html":
        from bs4 import BeautifulSoup

        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text("\n")
    if suffix == ".pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    if suffix == ".docx":
        from docx import Document

        document = Document(str(path))
        parts = [paragraph.text for paragraph in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                parts.append(" | ".join(cell.text for cell in row.cells))
        return "\n".join(parts)
    if suffix == ".odt":
        from odf import teletype
        from odf.opendocument import load

        parts: list[str] = []

        def walk(node) -> None:
            for child in node.childNodes:
                if child.qname[1] in ("h", "p"):
                    parts.append(teletype.extractText(child))
                elif child.nodeType == child.ELEMENT_NODE:
                    walk(child)

        walk(load(str(path)).text)
        return "\n".join(parts)
    raise ValueError(f"not a corpus document: {path.name}")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def check_gold(gold_path: Path, gemeenten: dict[str, str] | None) -> list[str]:
    errors: list[str] = []
    stem = gold_path.name.removesuffix(".gold.json")
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except ValueError as error:
        return [f"{gold_path.name}: does not parse: {error}"]
    if set(gold) != TOP_KEYS:
        errors.append(f"{gold_path.name}: keys {sorted(gold)}")
    documents = [path for path in HERE.glob(f"{stem}.*") if path.suffix in DOCUMENT_SUFFIXES]
    if len(documents) != 1:
        return [*errors, f"{gold_path.name}: {len(documents)} documents named {stem}.*"]
    document = documents[0]
    if gold.get("source") != document.name:
        errors.append(f"{gold_path.name}: source is {gold.get('source')!r}, not {document.name!r}")
    if gold.get("title") is not None and not isinstance(gold["title"], str):
        errors.append(f"{gold_path.name}: title must be a string or null")
    if gold.get("date") is not None and not DATE.match(str(gold["date"])):
        errors.append(f"{gold_path.name}: bad date {gold['date']!r}")
    text = extract_text(document)
    flat = squash(text)
    spaced = " ".join(text.split())  # non-breaking spaces count as spaces
    if gold.get("title") and gold["title"] not in text and squash(gold["title"]) not in flat:
        errors.append(f"{gold_path.name}: document title {gold['title']!r} not in the text")
    decisions = gold.get("decisions")
    if not isinstance(decisions, list) or not decisions:
        return [*errors, f"{gold_path.name}: no decisions"]
    for index, decision in enumerate(decisions, 1):
        where = f"{gold_path.name} #{index}"
        if set(decision) != DECISION_KEYS:
            errors.append(f"{where}: keys {sorted(decision)}")
            continue
        title = decision["title"]
        if not isinstance(title, str) or not title.strip():
            errors.append(f"{where}: empty title")
        elif document.suffix == ".pdf":
            if squash(title) not in flat:
                errors.append(f"{where}: title {title!r} not in the text")
        elif title not in text and title not in spaced:
            errors.append(f"{where}: title {title!r} not in the text")
        elif title != title.strip() or title[-1] in ";:.,":
            errors.append(f"{where}: title {title!r} has surrounding space or punctuation")
        amount = decision["amount"]
        if amount is not None and (not isinstance(amount, str) or not AMOUNT.match(amount)):
            errors.append(f"{where}: bad amount {amount!r}")
        kind = decision["kind"]
        if kind not in KINDS:
            errors.append(f"{where}: bad kind {kind!r}")
        if kind in ("rejection", "deferral") and amount is not None:
            errors.append(f"{where}: a {kind} has no amount")
        if amount is not None and Decimal(amount) < 0 and kind != "budget_change":
            errors.append(f"{where}: only a budget change can be negative")
        if not isinstance(decision["approximate"], bool):
            errors.append(f"{where}: approximate must be a boolean")
        if decision["approximate"] and amount is None:
            errors.append(f"{where}: approximate without an amount")
        pillar = decision["pillar"]
        if pillar is not None and (not isinstance(pillar, str) or pillar != pillar.lower()):
            errors.append(f"{where}: pillar must be lowercase or null, not {pillar!r}")
        if pillar is not None and pillar.lower() not in text.lower():
            errors.append(f"{where}: pillar {pillar!r} not named in the text")
        if not isinstance(decision["places"], list):
            errors.append(f"{where}: places must be a list")
        else:
            for place in decision["places"]:
                if set(place) != {"name", "code"} or not CODE.match(str(place.get("code"))):
                    errors.append(f"{where}: bad place {place!r}")
                elif gemeenten is not None and gemeenten.get(place["code"]) != place["name"]:
                    errors.append(f"{where}: {place!r} is not a 2025 municipality")
        organisations = decision["organisations"]
        if not isinstance(organisations, list) or not all(
            isinstance(item, str) for item in organisations
        ):
            errors.append(f"{where}: organisations must be a list of strings")
        if not isinstance(decision["description"], str):
            errors.append(f"{where}: description must be a string")
        if decision["confidence"] != 1.0:
            errors.append(f"{where}: confidence must be 1.0 in gold")
        if decision["evidence"] != {"title": None, "amount": None}:
            errors.append(f"{where}: evidence must be null in gold")
    return errors


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gemeenten", type=Path, help="CSV with code,name of municipalities")
    parser.add_argument("--dump", help="print the extracted text of this document")
    args = parser.parse_args(argv)
    if args.dump:
        print(extract_text(HERE / args.dump))
        return 0
    gemeenten = None
    if args.gemeenten:
        with args.gemeenten.open(encoding="utf-8") as handle:
            gemeenten = {row["code"]: row["name"] for row in csv.DictReader(handle)}
    errors: list[str] = []
    documents = sorted(
        path
        for path in HERE.iterdir()
        if path.suffix in DOCUMENT_SUFFIXES and path.name != "README.md"
    )
    for document in documents:
        if not (HERE / f"{document.stem}.gold.json").exists():
            errors.append(f"{document.name}: no gold file")
    golds = sorted(HERE.glob("*.gold.json"))
    decisions = 0
    for gold_path in golds:
        errors += check_gold(gold_path, gemeenten)
        with contextlib.suppress(ValueError, KeyError):
            decisions += len(json.loads(gold_path.read_text(encoding="utf-8"))["decisions"])
    for error in errors:
        print(error)
    print(f"{len(golds)} gold files, {len(documents)} documents, {decisions} decisions")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
