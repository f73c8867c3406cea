"""Suite `scale`: the public pages at national scale, against their floor, on both databases.

Per (database, scale): a generated database (data.py), a gunicorn server with the page cache
off, sequential requests to every page and its floor view over distinct targets; then, at the
largest scale, 32 concurrent clients against a server with the page cache on, and the time to
generate the largest documents. See bench/README.md.
"""

import json
import subprocess  # nosec B404 - runs bench/documents.py in this virtualenv
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import clients
import data
from rich.console import Console
from rich.table import Table
from server import gunicorn
from stats import latency_entry, metric, percentile, throughput_entry

BENCH = Path(__file__).resolve().parent
FULL_SCALES = (100_000, 1_000_000)
QUICK_SCALES = (10_000,)
CLIENTS = 32
SEARCH_WORD = "zorg"


@dataclass(frozen=True)
class Settings:
    warmup: int
    requests: int
    budget: float  # seconds of timed requests per page at most
    load_seconds: float
    request_timeout: int  # seconds; a slower page is reported as timed out

    @classmethod
    def of(cls, quick: bool) -> "Settings":
        return cls(5, 30, 30, 3, 60) if quick else cls(20, 100, 240, 8, 120)


def _query(**params: str) -> str:
    return urlencode(params)


def pages(targets: dict) -> dict[str, list[tuple[str, str]]]:
    """Per measured page: its (page, floor) paths, over distinct targets where it has any."""
    pairs = targets["pairs"][:50]
    word = _query(q=SEARCH_WORD)
    return {
        "home": [("/", "/_floor/home")],
        "projects.filtered": [
            (f"/projecten/?{_query(**pair)}", f"/_floor/projecten?{_query(**pair)}")
            for pair in pairs
        ],
        "search": [(f"/zoeken/?{word}", f"/_floor/zoeken?{word}")],
        "projects.search": [(f"/projecten/?{word}", f"/_floor/projecten?{word}")],
        "project": [(f"/projecten/{s}/", f"/_floor/projecten/{s}") for s in targets["projects"]],
        "besluitenlijst": [
            (f"/besluitenlijsten/{s}/", f"/_floor/besluitenlijsten/{s}")
            for s in targets["besluitenlijsten"][:50]
        ],
        "api.besluiten": [
            (f"/api/v1/besluiten?{code}", f"/_floor/api/besluiten?{code}")
            for code in (_query(gemeente=c) for c in targets["gemeenten"][:50])
        ],
    }


def _get_json(port: int, path: str) -> dict:
    import http.client

    connection = http.client.HTTPConnection(clients.HOST, port, timeout=600)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: {response.status}")
        return json.loads(body)
    finally:
        connection.close()


def _latency_table(title: str) -> Table:
    table = Table(title=title)
    for column in ("DB", "Decisions", "Page", "Targets", "n", "p50 ms", "p95 ms", "floor p50",
                   "floor p95", "ratio", "errors"):  # fmt: skip
        table.add_column(column, justify="left" if column in ("DB", "Page") else "right")
    return table


def measure_latency(
    console: Console, database: data.Database, settings: Settings, latency: list, other: list
) -> tuple[dict, Table]:
    table = _latency_table(f"Latency, page cache off, {database.db}")
    server = gunicorn(
        database.env(), page_cache=False, request_timeout=settings.request_timeout + 5
    )
    with server as port:
        targets = _get_json(port, "/_floor/targets?n=200")
        decisions = int(targets["size"]["decisions"])
        for name, paths in pages(targets).items():
            if not paths:
                console.print(f"[red]{name}: no targets in this database")
                continue
            requests = settings.requests
            if settings.requests >= 100:  # full runs visit every distinct target
                requests = max(settings.requests, len(paths))
            samples = clients.measure_latency(
                port,
                paths,
                warmup=settings.warmup,
                requests=requests,
                budget=settings.budget,
                timeout=settings.request_timeout,
                on_error=console.print,
            )
            suffix = f"{database.db}.{decisions}"
            if samples.timed_out:
                other.append(metric(f"latency.{name}.timed_out.{suffix}", 1, "page"))
            if not samples.page_ms:
                table.add_row(database.db, f"{decisions:,}", name, str(len(paths)), "0",
                              *["–"] * 5, "timeout")  # fmt: skip
                continue
            entry = latency_entry(name, decisions, database.db, samples.page_ms, samples.floor_ms)
            latency.append(entry)
            if samples.errors:
                other.append(
                    metric(f"latency.{name}.errors.{suffix}", len(samples.errors), "requests")
                )
            console.print(
                f"  {database.db} {decisions:,} {name}: p95 {entry['p95_ms']:.1f} ms, "
                f"floor {entry['floor_p95_ms']:.1f} ms ({len(samples.page_ms)} rounds)"
            )
            table.add_row(
                database.db,
                f"{decisions:,}",
                name,
                str(len(paths)),
                str(len(samples.page_ms)),
                f"{entry['p50_ms']:.1f}",
                f"{entry['p95_ms']:.1f}",
                f"{percentile(samples.floor_ms, 50):.1f}",
                f"{entry['floor_p95_ms']:.1f}",
                f"{entry['ratio']:.1f}",
                str(len(samples.errors)),
            )
    return targets, table


def measure_throughput(
    console: Console,
    database: data.Database,
    targets: dict,
    settings: Settings,
    throughput: list,
    other: list,
) -> None:
    decisions = int(targets["size"]["decisions"])
    paths = {
        "home": "/",
        "cached_project_page": f"/projecten/{targets['projects'][0]}/",
        "api_list": "/api/v1/besluiten",
    }
    table = Table(title=f"{CLIENTS} concurrent clients, page cache on, {database.db}")
    for column in ("Page", "Decisions", "rps", "errors", "client CPU % of one core"):
        table.add_column(column, justify="left" if column == "Page" else "right")
    with gunicorn(database.env(), page_cache=True) as port:
        for name, path in paths.items():
            load = clients.measure_throughput(
                port, path, clients=CLIENTS, seconds=settings.load_seconds
            )
            key = f"http.{name}.{database.db}.{decisions}"
            entry = throughput_entry(key, load.requests, load.seconds, load.errors)
            throughput.append(entry)
            cpu = load.client_cpu_seconds / load.seconds * 100
            other.append(metric(f"{key}.client_cpu", round(cpu, 1), "% of one CPU"))
            table.add_row(name, f"{decisions:,}", f"{entry['rps']:.1f}", str(load.errors),
                          f"{cpu:.0f}")  # fmt: skip
    console.print(table)


def measure_documents(console: Console, database: data.Database, decisions: int, other) -> None:
    script = str(BENCH / "documents.py")
    output = subprocess.run(  # nosec B603
        [sys.executable, script], env=database.env(), capture_output=True, text=True, check=False
    )
    if output.returncode != 0:
        console.print(f"[red]documents failed:\n{output.stderr[-2000:]}")
        return
    result = json.loads(output.stdout.strip().splitlines()[-1])
    suffix = f"{database.db}.{decisions}"
    for document, size in (("besluitenlijst", "decisions"), ("uitvoeringsprogramma", "projects")):
        if not (found := result.get(document)):
            continue
        key = f"documents.{document}_pdf"
        other.append(metric(f"{key}.seconds.{suffix}", round(found["seconds"], 3), "s"))
        other.append(metric(f"{key}.{size}.{suffix}", found[size], size))
        console.print(f"{document} PDF, {found[size]} {size}: {found['seconds']:.2f} s")


def run_scale(
    console: Console,
    *,
    quick: bool,
    dbs: list[str],
    scales: list[int] | None,
    fresh: bool,
    latency: list,
    throughput: list,
    other: list,
) -> None:
    settings = Settings.of(quick)
    scales = sorted(scales or (QUICK_SCALES if quick else FULL_SCALES))
    # Throughput and documents once: at the largest scale, on PostgreSQL when it is measured.
    heavy = (scales[-1], "postgresql" if "postgresql" in dbs else dbs[-1])
    for decisions in scales:
        for db in dbs:
            database = data.Database(db, data.scale_for(decisions))
            seconds = data.prepare(database, fresh=fresh, log=console.print)
            if seconds:
                other.append(metric(f"data.generate.{db}.{decisions}", round(seconds, 1), "s"))
            targets, table = measure_latency(console, database, settings, latency, other)
            console.print(table)
            if (decisions, db) == heavy:
                measure_throughput(console, database, targets, settings, throughput, other)
                actual = int(targets["size"]["decisions"])
                measure_documents(console, database, actual, other)
