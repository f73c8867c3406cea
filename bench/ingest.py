"""Suite `ingest`: throughput of the decision-list import per file format, against the bare library.

For every format in the labelled corpus (tests/corpus) three variants are timed in one run:
baseline (the library's own text extraction), read (read_bytes: sniffing, reading into blocks,
normalising) and full (read_bytes followed by extract). See bench/README.md.
"""

import gc
import io
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import django
import docx
import pypdf
from bs4 import BeautifulSoup
from odf import teletype
from odf import text as odf_text
from odf.opendocument import load as load_odf
from rich.console import Console
from rich.table import Table
from stats import metric

BENCH = Path(__file__).resolve().parent
CORPUS = BENCH.parent / "tests" / "corpus"
FORMATS = ("txt", "md", "html", "pdf", "docx", "odt")
VARIANTS = ("baseline", "read", "full")
ROUNDS = 5
# Seconds per round: 0.8 rather than 1 keeps `make bench` under two minutes on a busy machine.
MIN_TIME = 0.8
# One read or full pass over the PDFs takes about 1 s: five quick rounds would take ~14 s.
QUICK_ROUNDS = 3

Variant = Callable[[bytes, str], object]
Corpus = list[tuple[str, bytes]]


def _text(data: bytes, name: str) -> str:
    return data.decode("utf-8", errors="replace")


def _html(data: bytes, name: str) -> str:
    return BeautifulSoup(data, "lxml").get_text()


def _pdf(data: bytes, name: str) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def _docx(data: bytes, name: str) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def _odt(data: bytes, name: str) -> str:
    document = load_odf(io.BytesIO(data))
    elements = document.getElementsByType(odf_text.H) + document.getElementsByType(odf_text.P)
    return "\n".join(teletype.extractText(element) for element in elements)


BASELINES: dict[str, Variant] = {
    "txt": _text,
    "md": _text,
    "html": _html,
    "pdf": _pdf,
    "docx": _docx,
    "odt": _odt,
}


def product_variants() -> dict[str, Variant]:
    # The readers rely on Django's settings and translations: set Django up before importing.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regiodeal.settings.test")
    django.setup()
    from regiodeal.ingest.extract import extract
    from regiodeal.ingest.readers import read_bytes

    return {"read": read_bytes, "full": lambda data, name: extract(read_bytes(data, name))}


def load_corpus(formats: list[str]) -> dict[str, Corpus]:
    # Only labelled documents (with NAME.gold.json beside them): the corpus README is no sample.
    corpus: dict[str, Corpus] = {}
    for fmt in formats:
        paths = sorted(CORPUS.glob(f"*.{fmt}"))
        labelled = [p for p in paths if p.with_suffix(".gold.json").exists()]
        corpus[fmt] = [(p.name, p.read_bytes()) for p in labelled]
    return corpus


def warm_up(fn: Variant, files: Corpus) -> set[str]:
    """One untimed pass (imports, caches, regexes compiled); returns the files that failed."""
    failed = set()
    for name, data in files:
        try:
            fn(data, name)
        except Exception:
            failed.add(name)
    return failed


def timed_round(fn: Variant, files: Corpus, min_time: float) -> float:
    """Seconds per document: whole passes over the files until min_time has passed."""
    gc.collect()  # Garbage left by the previous round should not be collected on this one's clock.
    documents = 0
    start = time.perf_counter()
    while True:
        for name, data in files:
            fn(data, name)
        documents += len(files)
        elapsed = time.perf_counter() - start
        if elapsed >= min_time:
            return elapsed / documents


def measure(
    files: Corpus, variants: dict[str, Variant], min_time: float, rounds: int
) -> dict[str, float]:
    # Rounds alternate the variants, so drift in the machine's speed hits each one alike.
    samples: dict[str, list[float]] = {v: [] for v in variants}
    for _ in range(rounds):
        for variant, fn in variants.items():
            samples[variant].append(timed_round(fn, files, min_time))
    return {variant: statistics.median(times) for variant, times in samples.items()}


def run_ingest(
    console: Console, formats: list[str], min_time: float, rounds: int, throughput, other
) -> None:
    product = product_variants()
    corpus = load_corpus(formats)

    table = Table(title=f"Import throughput, median of {rounds} rounds of ≥{min_time:g} s")
    for column in ("Format", "Files", "KB", "Variant", "docs/s", "MB/s", "ms/doc", "× baseline"):
        table.add_column(column, justify="left" if column in ("Format", "Variant") else "right")
    for fmt, files in corpus.items():
        variants = {"baseline": BASELINES[fmt], **product}
        # A file any variant cannot read is left out of all three, so they time the same set.
        failed = set().union(*(warm_up(fn, files) for fn in variants.values()))
        files = [(name, data) for name, data in files if name not in failed]
        if failed:
            console.print(f"[red]{fmt}: left out, not readable: {', '.join(sorted(failed))}")
        if not files:
            continue
        per_doc = measure(files, variants, min_time, rounds)
        size = sum(len(data) for _, data in files)
        mb_per_doc, key = size / len(files) / 1e6, f"ingest.{fmt}"
        head = [fmt, str(len(files)), f"{size / 1000:.0f}"]
        for variant in VARIANTS:
            seconds = per_doc[variant]
            ratio = seconds / per_doc["baseline"]
            rps = {"name": f"{key}.{variant}", "rps": 1 / seconds, "errors": len(failed)}
            throughput.append(rps)
            other.append(metric(f"{key}.mb_per_s.{variant}", mb_per_doc / seconds, "MB/s"))
            if variant != "baseline":
                other.append(metric(f"{key}.ratio.{variant}_vs_baseline", ratio, "x"))
            table.add_row(
                *(head if variant == "baseline" else [""] * 3),
                variant,
                f"{1 / seconds:,.1f}",
                f"{mb_per_doc / seconds:.2f}",
                f"{seconds * 1000:.3f}",
                f"{ratio:.1f}",
                end_section=variant == VARIANTS[-1],
            )

    console.print(table)
