"""Allocation of a large call: 10.000 applications over 6 programme lines.

The product's `allocate` (ranking with tie-breaks and a seeded lottery, caps, the partial/skip/
stop rules and a Dutch reason per application) against a baseline in the same run: the bare
minimum any allocation must do, a sort by score and a greedy pass that takes what fits.
"""

import gc
import random
import statistics
import time
from decimal import Decimal

from regiodeal.calls.allocation import Application, Line, Rule, allocate

APPLICATIONS = 10_000
# The six lines of the 2025 call of Regio Deal Zuid- en Oost-Drenthe II, with their budgets.
LINES = [
    ("Leven lang ontwikkelen", "483288", Rule.PARTIAL),
    ("Zorg & welzijn", "3069223", Rule.SKIP),
    ("Economische structuurversterking", "6045222", Rule.STOP),
    ("Aantrekkelijke regio", "1740196", Rule.PARTIAL),
    ("Samen met inwoners", "1052085", Rule.SKIP),
    ("Regio aan de grens", "3290921", Rule.STOP),
]


def synthetic_call(seed: int = 2025) -> tuple[list[Line], list[Application]]:
    rng = random.Random(seed)
    lines = [
        Line(name, Decimal(budget), Decimal("250000"), Decimal("50"), Decimal("5.5"), rule)
        for name, budget, rule in LINES
    ]
    applications = []
    for number in range(APPLICATIONS):
        costs = Decimal(rng.randrange(20_000, 1_000_000))
        applications.append(
            Application(
                id=f"AV-2025-{number:05d}",
                line=LINES[rng.randrange(len(LINES))][0],
                requested=(costs * Decimal(rng.randrange(30, 70)) / 100).quantize(Decimal("1")),
                eligible_costs=costs,
                score=Decimal(rng.randrange(30, 100)) / 10,
                criteria={"brede welvaart": Decimal(rng.randrange(1, 11))},
                eligible=rng.random() > 0.03,
                complete=rng.random() > 0.05,
            )
        )
    return lines, applications


def baseline(lines: list[Line], applications: list[Application]) -> dict[str, Decimal]:
    """Sort by score and hand out what fits: no caps, no ties, no reasons."""
    remaining = {line.name: line.budget for line in lines}
    granted: dict[str, Decimal] = {}
    for application in sorted(applications, key=lambda a: (-a.score, a.id)):
        if application.requested <= remaining[application.line]:
            remaining[application.line] -= application.requested
            granted[application.id] = application.requested
    return granted


def product(lines: list[Line], applications: list[Application]) -> object:
    return allocate(lines, applications, tie_break=["brede welvaart"], seed=20251106)


def _time(fn, lines, applications) -> float:
    gc.collect()
    start = time.perf_counter()
    fn(lines, applications)
    return time.perf_counter() - start


def measure(rounds: int) -> dict[str, float]:
    """Median seconds per allocation of the whole call, per variant, rounds alternating."""
    lines, applications = synthetic_call()
    product(lines, applications)  # warm-up: imports, Babel's locale data
    samples: dict[str, list[float]] = {"baseline": [], "allocate": []}
    for _ in range(rounds):
        samples["baseline"].append(_time(baseline, lines, applications))
        samples["allocate"].append(_time(product, lines, applications))
    return {variant: statistics.median(times) for variant, times in samples.items()}
