"""`make bench`: the project's benchmarks, one JSON report (bench/README.md).

Suites: ingest (import throughput per file format), allocation (10.000 applications) and scale
(the public pages at 100.000 and 1.000.000 decisions on SQLite and PostgreSQL, throughput under
32 clients, document generation). `--suite` picks some (repeatable); `--quick` runs a short look.
"""

import argparse
import json
import os
import platform
import signal
import sys
import time
from datetime import datetime
from pathlib import Path

from ingest import FORMATS
from rich.console import Console
from rich.table import Table
from stats import check_report, metric

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results" / "latest.json"
SUITES = ("ingest", "allocation", "scale")
DATABASES = ("sqlite", "postgresql")


def machine() -> str:
    return f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short look at a small scale")
    parser.add_argument(
        "--suite", action="append", choices=SUITES, help="only this benchmark (default: all)"
    )
    ingest = parser.add_argument_group("ingest")
    ingest.add_argument("--min-time", type=float, help="seconds per round (overrides --quick)")
    ingest.add_argument("--rounds", type=int, help="rounds per variant (overrides --quick)")
    ingest.add_argument("--format", action="append", choices=FORMATS, help="only this format")
    scale = parser.add_argument_group("scale")
    scale.add_argument("--db", action="append", choices=DATABASES, help="default: both")
    scale.add_argument(
        "--decisions", action="append", type=int, help="scale(s); default 100000 and 1000000"
    )
    scale.add_argument("--fresh", action="store_true", help="generate the databases anew")
    return parser.parse_args(argv)


def run_allocation(console: Console, rounds: int, other: list) -> None:
    import allocation  # bench/allocation.py; sets up nothing of Django's

    seconds = allocation.measure(rounds)
    ratio = seconds["allocate"] / seconds["baseline"]
    table = Table(
        title=f"Allocation of {allocation.APPLICATIONS:,} applications over "
        f"{len(allocation.LINES)} lines, median of {rounds} rounds"
    )
    for column in ("Variant", "seconds", "× baseline"):
        table.add_column(column, justify="left" if column == "Variant" else "right")
    table.add_row("baseline", f"{seconds['baseline']:.3f}", "1.0")
    table.add_row("allocate", f"{seconds['allocate']:.3f}", f"{ratio:.1f}")
    console.print(table)
    other.append(metric("calls.allocate_10000.seconds", seconds["allocate"], "s"))
    other.append(metric("calls.allocate_10000.baseline_seconds", seconds["baseline"], "s"))
    other.append(metric("calls.allocate_10000.ratio_vs_baseline", ratio, "x"))


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    # Stopped from outside: unwind, so that the servers' finally blocks stop gunicorn too.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    suites = args.suite or list(SUITES)
    # Wide enough for the latency table when the output goes to a file or a pipe.
    console = Console(width=None if sys.stdout.isatty() else 150)
    started = time.perf_counter()
    latency: list[dict] = []
    throughput: list[dict] = []
    other: list[dict] = []
    if "ingest" in suites:
        import ingest

        min_time = args.min_time or (0.2 if args.quick else ingest.MIN_TIME)
        rounds = args.rounds or (ingest.QUICK_ROUNDS if args.quick else ingest.ROUNDS)
        formats = args.format or list(FORMATS)
        ingest.run_ingest(console, formats, min_time, rounds, throughput, other)
    if "allocation" in suites:
        import ingest

        run_allocation(console, ingest.QUICK_ROUNDS if args.quick else ingest.ROUNDS, other)
    if "scale" in suites:
        from scale import run_scale

        run_scale(
            console,
            quick=args.quick,
            dbs=args.db or list(DATABASES),
            scales=args.decisions,
            fresh=args.fresh,
            latency=latency,
            throughput=throughput,
            other=other,
        )
    other.append(metric("bench.wall_seconds", round(time.perf_counter() - started, 1), "s"))
    report = {
        "machine": machine(),
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "latency": latency,
        "throughput": throughput,
        "other": other,
    }
    if problems := check_report(report):
        console.print(f"[red]Report shape: {problems}")
        sys.exit(1)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    console.print(f"{machine()}\nWritten to {RESULTS.relative_to(BENCH.parent)}")


if __name__ == "__main__":
    main()
