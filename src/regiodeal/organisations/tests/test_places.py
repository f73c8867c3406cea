import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from regiodeal.core.errors import DomainError
from regiodeal.organisations.models import Municipality, Province
from regiodeal.organisations.services import (
    MUNICIPALITIES_CSV,
    PROVINCES_CSV,
    PlacesLoadResult,
    load_places,
)

PROVINCES = "code,name\nPV22,Drenthe\nPV23,Overijssel\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def counts() -> tuple[int, int]:
    return Municipality.objects.count(), Province.objects.count()


# --- The shipped data files (no database, no access to ../shared) -----------------------------


def test_shipped_csv_is_complete_and_consistent():
    with MUNICIPALITIES_CSV.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["code", "name", "province_code"]
        rows = list(reader)
    with PROVINCES_CSV.open(encoding="utf-8", newline="") as handle:
        provinces = {row["code"] for row in csv.DictReader(handle)}

    codes = [row["code"] for row in rows]
    assert len(rows) == 342
    assert len(set(codes)) == 342
    assert codes == sorted(codes)
    assert len(provinces) == 12
    assert {row["province_code"] for row in rows} == provinces


def test_shipped_maps_are_present():
    for name in ("gemeente_2025.topojson", "provincie_2025.topojson"):
        assert (MUNICIPALITIES_CSV.parent / name).stat().st_size > 0


# --- Loading ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_load_places_loads_all_municipalities_and_provinces():
    result = load_places()

    assert result == PlacesLoadResult(municipalities=342, provinces=12, created=354, updated=0)
    assert counts() == (342, 12)
    assert not Municipality.objects.filter(province__isnull=True).exists()
    assert Municipality.objects.get(code="GM0820").name == "Nuenen, Gerwen en Nederwetten"
    assert Municipality.objects.get(code="GM0518").slug == "s-gravenhage"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("municipality", "province"),
    [
        ("GM0114", "PV22"),  # Emmen, Drenthe
        ("GM0160", "PV23"),  # Hardenberg, Overijssel
        ("GM0106", "PV22"),  # Assen, Drenthe
        ("GM0363", "PV27"),  # Amsterdam, Noord-Holland
        ("GM0034", "PV24"),  # Almere, Flevoland
        ("GM0088", "PV21"),  # Schiermonnikoog, Friesland
        ("GM0448", "PV27"),  # Texel, Noord-Holland
    ],
)
def test_municipality_is_in_the_right_province(municipality, province):
    load_places()
    assert Municipality.objects.get(code=municipality).province.code == province


@pytest.mark.django_db
def test_load_places_twice_changes_nothing():
    load_places()
    before = list(Municipality.objects.order_by("code").values_list())

    result = load_places()

    assert result == PlacesLoadResult(municipalities=342, provinces=12, created=0, updated=0)
    assert list(Municipality.objects.order_by("code").values_list()) == before
    assert counts() == (342, 12)


@pytest.mark.django_db
def test_changed_name_is_updated(tmp_path):
    provinces = write(tmp_path, "p.csv", PROVINCES)
    load_places(
        municipalities_path=write(tmp_path, "m.csv", "code,name,province_code\nGM0114,Emen,PV23\n"),
        provinces_path=provinces,
    )

    result = load_places(
        municipalities_path=write(
            tmp_path, "m.csv", "code,name,province_code\nGM0114,Emmen,PV22\n"
        ),
        provinces_path=provinces,
    )

    assert (result.created, result.updated) == (0, 1)
    emmen = Municipality.objects.get(code="GM0114")
    assert (emmen.name, emmen.slug, emmen.province.code) == ("Emmen", "emmen", "PV22")


# --- Invalid files ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("municipalities", "message"),
    [
        ("code,name\nGM0114,Emmen\n", "regel 1: kolom province_code ontbreekt"),
        (
            "code,name,province_code\nGM0114,Emmen,PV22\nGM160,Hardenberg,PV23\n",
            "regel 3: ongeldige gemeentecode 'GM160'",
        ),
        (
            "code,name,province_code\nGM0114,Emmen,PV22\nGM0160,Hardenberg,PV99\n",
            "regel 3: onbekende provinciecode 'PV99'",
        ),
        (
            "code,name,province_code\nGM0114,Emmen,PV22\nGM0160,Hardenberg,PV23\n"
            "GM0114,Emmen,PV22\n",
            "regel 4: gemeentecode GM0114 komt dubbel voor (ook op regel 2)",
        ),
        ("code,name,province_code\nGM0114,,PV22\n", "regel 2: de naam bij GM0114 ontbreekt"),
    ],
)
def test_invalid_file_raises_and_changes_nothing(tmp_path, municipalities, message):
    with pytest.raises(DomainError) as excinfo:
        load_places(
            municipalities_path=write(tmp_path, "gemeenten.csv", municipalities),
            provinces_path=write(tmp_path, "provincies.csv", PROVINCES),
        )

    assert f"gemeenten.csv, {message}" in excinfo.value.message
    assert counts() == (0, 0)


@pytest.mark.django_db
def test_invalid_province_file_raises(tmp_path):
    with pytest.raises(DomainError, match=r"provincies\.csv, regel 2: ongeldige provinciecode"):
        load_places(provinces_path=write(tmp_path, "provincies.csv", "code,name\nP22,Drenthe\n"))


@pytest.mark.django_db
def test_invalid_file_after_valid_load_leaves_data_as_it_was(tmp_path):
    load_places()
    before = list(Municipality.objects.order_by("code").values_list())
    # Valid first line (a rename that would be an update), then a bad line: nothing may stick.
    bad = write(
        tmp_path,
        "gemeenten.csv",
        "code,name,province_code\nGM0114,Emmen-Nieuw,PV22\nGM0160,Hardenberg,PV99\n",
    )

    with pytest.raises(DomainError, match="onbekende provinciecode"):
        load_places(municipalities_path=bad)

    assert counts() == (342, 12)
    assert list(Municipality.objects.order_by("code").values_list()) == before


# --- Management command -------------------------------------------------------------------------


@pytest.mark.django_db
def test_command_prints_summary():
    out = StringIO()
    call_command("load_places", stdout=out)
    assert "342 gemeenten en 12 provincies geladen (354 nieuw, 0 bijgewerkt)." in out.getvalue()

    out = StringIO()
    call_command("load_places", stdout=out)
    assert "342 gemeenten en 12 provincies geladen (0 nieuw, 0 bijgewerkt)." in out.getvalue()


@pytest.mark.django_db
def test_command_reports_invalid_file(tmp_path):
    bad = write(tmp_path, "gemeenten.csv", "code,name,province_code\nGM0114,Emmen,PV99\n")

    with pytest.raises(CommandError, match="regel 2: onbekende provinciecode 'PV99'"):
        call_command("load_places", municipalities=bad, stdout=StringIO())

    assert counts() == (0, 0)
