"""The JSON shape `regiodeal extract --json` prints for other tools. Keep it stable."""

from typing import Any

from .extract import ExtractedDecision, Extraction


def _decision(decision: ExtractedDecision) -> dict[str, Any]:
    return {
        "title": decision.title,
        # Amounts as strings of the decimal value: JSON numbers are floats to most readers.
        "amount": None if decision.amount is None else f"{decision.amount:.2f}",
        "approximate": decision.approximate,
        "kind": str(decision.kind),
        "pillar": decision.pillar,
        "places": [{"name": name, "code": code} for name, code in decision.places],
        "organisations": list(decision.organisations),
        "description": decision.description,
        "confidence": decision.confidence,
        "evidence": {
            "title": list(decision.title_span) if decision.title_span else None,
            "amount": list(decision.amount_span) if decision.amount_span else None,
        },
    }


def to_contract(extraction: Extraction) -> dict[str, Any]:
    return {
        "source": extraction.source,
        "title": extraction.title,
        "date": extraction.date,
        "decisions": [_decision(d) for d in extraction.decisions],
    }
