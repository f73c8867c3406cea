"""`regiodeal allocate`: the worked example in the README, and bad input refused in Dutch."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"


def allocate(path: Path) -> dict:
    out = StringIO()
    call_command("allocate", "--input", str(path), "--json", stdout=out)
    return json.loads(out.getvalue())


def test_the_readme_example_gives_the_documented_output():
    expected = json.loads((EXAMPLES / "allocation-output.json").read_text(encoding="utf-8"))
    assert allocate(EXAMPLES / "allocation-input.json") == expected
    assert {a["outcome"] for a in expected["applications"]} == {
        "granted",
        "partial",
        "not_granted",
        "below_minimum",
        "incomplete",
    }


def test_the_outcome_does_not_depend_on_the_input_order(tmp_path):
    data = json.loads((EXAMPLES / "allocation-input.json").read_text(encoding="utf-8"))
    data["applications"].reverse()
    reordered = tmp_path / "omgekeerd.json"
    reordered.write_text(json.dumps(data), encoding="utf-8")
    assert allocate(reordered) == allocate(EXAMPLES / "allocation-input.json")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{niet json", "geen geldige JSON"),
        ("[]", "verwacht een object"),
        ('{"lines": [], "applications": {}}', "'applications' moet een lijst"),
        ('{"lines": [{"name": "L", "budget": 12.5}], "applications": []}', "als tekst"),
        ('{"lines": [{"name": "L", "budget": "-1"}], "applications": []}', "nul of meer"),
        ('{"lines": [{"name": "L", "budget": "1.001"}], "applications": []}', "twee decimalen"),
        (
            '{"lines": [{"name": "L", "budget": "1", "rule": "eerlijk"}], "applications": []}',
            "kies partial, skip of stop",
        ),
        (
            '{"lines": [{"name": "L", "budget": "1", "percentage": "150"}], "applications": []}',
            "tussen 0 en 100",
        ),
        ('{"lines": [{"name": "L", "budget": "1"}], "seed": "x", "applications": []}', "seed"),
        (
            '{"lines": [{"name": "L", "budget": "1"}], "applications": '
            '[{"id": "a", "line": "M", "requested": "1", "score": "1"}]}',
            "die niet bestaat",
        ),
        (
            '{"lines": [{"name": "L", "budget": "1"}], "applications": '
            '[{"id": "a", "line": "L", "requested": "1", "score": "hoog"}]}',
            "aanvraag 1, score",
        ),
    ],
)
def test_bad_input_is_refused_with_a_dutch_message(tmp_path, content, message):
    path = tmp_path / "invoer.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        allocate(path)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError, match=r"Kan .*niet lezen"):
        allocate(tmp_path / "bestaat-niet.json")
