"""Pure helpers of the benchmark: percentiles, the result entries and the report's shape."""

import math
from collections.abc import Sequence

LATENCY_KEYS = ("name", "decisions", "db", "p50_ms", "p95_ms", "floor_p95_ms", "ratio")
THROUGHPUT_KEYS = ("name", "rps", "errors")
OTHER_KEYS = ("name", "value", "unit")
DATABASES = ("sqlite", "postgresql")


def percentile(samples: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation between the closest ranks."""
    if not samples:
        raise ValueError("no samples")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile out of range: {q}")
    ordered = sorted(samples)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def latency_entry(
    name: str, decisions: int, db: str, page_ms: Sequence[float], floor_ms: Sequence[float]
) -> dict[str, object]:
    """One row of ``latency``: the page's p50 and p95 and its p95 over the floor's."""
    p95, floor_p95 = percentile(page_ms, 95), percentile(floor_ms, 95)
    return {
        "name": name,
        "decisions": decisions,
        "db": db,
        "p50_ms": round(percentile(page_ms, 50), 2),
        "p95_ms": round(p95, 2),
        "floor_p95_ms": round(floor_p95, 2),
        "ratio": round(p95 / floor_p95, 2) if floor_p95 > 0 else math.inf,
    }


def throughput_entry(name: str, requests: int, seconds: float, errors: int) -> dict[str, object]:
    return {"name": name, "rps": round(requests / seconds, 1) if seconds else 0.0, "errors": errors}


def metric(name: str, value: float, unit: str) -> dict[str, object]:
    return {"name": name, "value": value, "unit": unit}


def check_report(report: dict) -> list[str]:
    """What is wrong with ``report`` against the shared shape (empty when all is well)."""
    problems = []
    if set(report) != {"machine", "date", "latency", "throughput", "other"}:
        problems.append(f"top-level keys: {sorted(report)}")
    for key in ("machine", "date"):
        if not isinstance(report.get(key), str):
            problems.append(f"{key} is not a string")
    shapes = {"latency": LATENCY_KEYS, "throughput": THROUGHPUT_KEYS, "other": OTHER_KEYS}
    for section, keys in shapes.items():
        for entry in report.get(section, []):
            if tuple(entry) != keys:
                problems.append(f"{section} entry {entry.get('name')!r} has keys {list(entry)}")
    for entry in report.get("latency", []):
        if entry.get("db") not in DATABASES or not isinstance(entry.get("decisions"), int):
            problems.append(f"latency entry {entry.get('name')!r}: db or decisions")
    for entry in report.get("throughput", []):
        if not isinstance(entry.get("errors"), int):
            problems.append(f"throughput entry {entry.get('name')!r}: errors is no int")
    return problems
