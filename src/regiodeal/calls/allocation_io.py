"""The JSON format of `regiodeal allocate`: checked input with Dutch messages, plain output.

Validation is written out here rather than with a JSON Schema library because every message
must name the exact place in Dutch ("aanvraag 3, veld requested") and money must be read as
Decimal from strings, which a schema validator would leave to us anyway.
"""

from decimal import Decimal, InvalidOperation
from typing import Any

from .allocation import Allocation, Application, Line, Rule, allocate


class AllocationInputError(ValueError):
    """The input is not a valid allocation; the message says where, in Dutch."""


def _money(value: Any, where: str, *, optional: bool = False) -> Decimal | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise AllocationInputError(f'{where}: geef een bedrag als tekst, bijvoorbeeld "480000.00".')
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise AllocationInputError(f"{where}: '{value}' is geen bedrag.") from None
    if not amount.is_finite() or amount < 0:
        raise AllocationInputError(f"{where}: een bedrag is nul of meer.")
    if amount != amount.quantize(Decimal("0.01")):
        raise AllocationInputError(f"{where}: een bedrag heeft hooguit twee decimalen (centen).")
    return amount


def _number(value: Any, where: str, *, optional: bool = False) -> Decimal | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise AllocationInputError(f'{where}: geef een getal als tekst, bijvoorbeeld "7.5".')
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise AllocationInputError(f"{where}: '{value}' is geen getal.") from None
    if not number.is_finite():
        raise AllocationInputError(f"{where}: '{value}' is geen eindig getal.")
    return number


def _object(value: Any, where: str) -> dict:
    if not isinstance(value, dict):
        raise AllocationInputError(f"{where}: verwacht een object {{...}}.")
    return value


def _list(data: dict, key: str, where: str) -> list:
    value = data.get(key)
    if not isinstance(value, list):
        raise AllocationInputError(f"{where}: het veld '{key}' moet een lijst [...] zijn.")
    return value


def _text(data: dict, key: str, where: str) -> str:
    value = data.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise AllocationInputError(f"{where}: het veld '{key}' ontbreekt of is leeg.")
    return value


def _flag(data: dict, key: str, where: str) -> bool:
    value = data.get(key, True)
    if not isinstance(value, bool):
        raise AllocationInputError(f"{where}: het veld '{key}' is true of false.")
    return value


def parse_input(data: Any) -> tuple[list[Line], list[Application], list[str], int]:
    data = _object(data, "invoer")
    lines = []
    for index, raw in enumerate(_list(data, "lines", "invoer"), start=1):
        where = f"lijn {index}"
        raw = _object(raw, where)
        percentage = _number(raw.get("percentage"), f"{where}, percentage", optional=True)
        if percentage is not None and not 0 < percentage <= 100:
            raise AllocationInputError(f"{where}, percentage: tussen 0 en 100.")
        rule = raw.get("rule", Rule.PARTIAL.value)
        if rule not in {r.value for r in Rule}:
            raise AllocationInputError(
                f"{where}, rule: '{rule}' is geen regel; kies partial, skip of stop."
            )
        lines.append(
            Line(
                name=_text(raw, "name", where),
                budget=_money(raw.get("budget"), f"{where}, budget"),
                max_per_application=_money(
                    raw.get("max_per_application"), f"{where}, max_per_application", optional=True
                ),
                percentage=percentage,
                min_score=_number(raw.get("min_score"), f"{where}, min_score", optional=True),
                rule=Rule(rule),
            )
        )
    tie_break = data.get("tie_break", [])
    if not isinstance(tie_break, list) or not all(isinstance(t, str) for t in tie_break):
        raise AllocationInputError("tie_break: een lijst met namen van criteria.")
    seed = data.get("seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise AllocationInputError("seed: een geheel getal, vastgelegd bij de loting.")

    applications = []
    for index, raw in enumerate(_list(data, "applications", "invoer"), start=1):
        where = f"aanvraag {index}"
        raw = _object(raw, where)
        criteria = _object(raw.get("criteria", {}), f"{where}, criteria")
        applications.append(
            Application(
                id=_text(raw, "id", where),
                line=_text(raw, "line", where),
                requested=_money(raw.get("requested"), f"{where}, requested"),
                eligible_costs=_money(
                    raw.get("eligible_costs"), f"{where}, eligible_costs", optional=True
                ),
                score=_number(raw.get("score"), f"{where}, score"),
                criteria={
                    str(name): _number(value, f"{where}, criteria '{name}'")
                    for name, value in criteria.items()
                },
                eligible=_flag(raw, "eligible", where),
                complete=_flag(raw, "complete", where),
            )
        )
    return lines, applications, tie_break, seed


def run(data: Any) -> dict:
    """Parse, allocate and render; raises AllocationInputError for input that is not valid."""
    lines, applications, tie_break, seed = parse_input(data)
    try:
        result = allocate(lines, applications, tie_break=tie_break, seed=seed)
    except ValueError as error:
        raise AllocationInputError(str(error)) from None
    return render(result)


def render(result: Allocation) -> dict:
    return {
        "applications": [
            {
                "id": r.id,
                "line": r.line,
                "rank": r.rank,
                "outcome": r.outcome.value,
                "amount": str(r.amount),
                "reason": r.reason,
            }
            for r in result.applications
        ],
        "lines": [
            {
                "name": line.name,
                "budget": str(line.budget),
                "allocated": str(line.allocated),
                "remaining": str(line.remaining),
            }
            for line in result.lines
        ],
        "seed": result.seed,
    }
