"""The published decisions of all programmes as a 360Giving Data Standard package.

One grant per published decision that commits money. A correction replaces the decision it
corrects, so a chain of corrections is one grant: it keeps the id of the first decision and
carries the amount of the latest published correction.
"""

import datetime
import json
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Max

from regiodeal.decisions.constants import KINDS_WITHOUT_AMOUNT
from regiodeal.decisions.models import Decision
from regiodeal.organisations.models import Organisation
from regiodeal.programmes.models import FunderContribution, Programme

from .licences import open_data_licence

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "360giving"
PACKAGE_SCHEMA = SCHEMA_DIR / "360-giving-package-schema.json"
GRANT_SCHEMA = SCHEMA_DIR / "360-giving-schema.json"
# The package schema refers to the grant schema by this URL; it is served from the local copy.
GRANT_SCHEMA_URL = (
    "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/"
    "360-giving-schema.json"
)
STANDARD_VERSION = "1.4"
# The standard's geoCodeType codelist only knows British geographies (ONS entity codes); there
# is no code for a Dutch gemeente, so the type is left out and countryCode "NL" with the CBS
# code in geoCode says what the code is.
GEO_CODE_TYPE: str | None = None

JSON = dict[str, Any]


def prefix() -> str:
    return settings.REGIODEAL_360G_PREFIX


def organisation_id(organisation: Organisation) -> str:
    """``NL-KVK-<number>`` when the KvK number is known, else an id under our own prefix."""
    if organisation.kvk_number:
        return f"NL-KVK-{organisation.kvk_number}"
    return f"{prefix()}-ORG-{organisation.slug}"


def _organisation(organisation: Organisation) -> JSON:
    data: JSON = {"id": organisation_id(organisation), "name": organisation.name}
    if organisation.municipality_id:
        data["addressLocality"] = organisation.municipality.name
    data["addressCountry"] = "NL"
    if organisation.website:
        data["url"] = organisation.website
    return data


def _office(programme: Programme) -> JSON:
    # Without funders on record the programme office itself is the one that decides.
    return {"id": f"{prefix()}-{programme.slug}", "name": f"Programmabureau {programme.name}"}


def current_of_chains(decisions: list[Decision]) -> dict[int, Decision]:
    """Each first decision of a chain mapped to the latest published decision of the chain."""
    by_pk = {decision.pk: decision for decision in decisions}
    latest: dict[int, Decision] = {}
    for decision in sorted(decisions, key=lambda d: d.pk):
        root = decision
        while root.corrects_id in by_pk:
            root = by_pk[root.corrects_id]
        if root.corrects_id:
            continue  # only a published decision can be corrected, so this chain is broken
        latest[root.pk] = decision
    return latest


def _iso(moment: datetime.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _grant(
    root: Decision, current: Decision, funders: list[JSON], data_source: str, base_url: str
) -> JSON:
    project = root.project
    amount: Decimal = current.amount
    grant: JSON = {
        "id": f"360G-{prefix()}-{root.pk}",
        "title": root.heading,
        "description": current.text or project.summary or root.heading,
        "currency": "EUR",
        # The standard wants a JSON number; cents survive the float (its repr is the shortest
        # decimal that round-trips), and whole euros are written without a fraction.
        "amountAwarded": float(amount) if amount % 1 else int(amount),
        "awardDate": root.meeting.date.isoformat(),
        "recipientOrganization": [
            _organisation(project.lead_organisation)
            if project.lead_organisation_id
            else {"id": f"{prefix()}-PROJECT-{project.slug}", "name": project.title}
        ],
        "fundingOrganization": funders or [_office(root.meeting.programme)],
        "grantProgramme": [
            {
                "code": root.meeting.programme.slug,
                "title": root.meeting.programme.name,
            }
        ],
        "url": base_url + root.get_absolute_url(),
        "dataSource": data_source,
        "dateModified": _iso(current.published_at),
    }
    places = [
        {
            "id": place.code,
            "name": place.name,
            "geoCode": place.code,
            "countryCode": "NL",
            **({"geoCodeType": GEO_CODE_TYPE} if GEO_CODE_TYPE else {}),
        }
        for place in project.places.all()
    ]
    if places:
        grant["beneficiaryLocation"] = places
    if grant["dateModified"] is None:
        del grant["dateModified"]
    return grant


def published_grant_decisions() -> list[Decision]:
    """Every published decision that carries money, with what the grants need, in 4 queries."""
    return list(
        Decision.objects.published()
        .exclude(kind__in=KINDS_WITHOUT_AMOUNT)
        .exclude(amount=None)
        .select_related(
            "meeting__programme",
            "project__lead_organisation__municipality",
        )
        .prefetch_related("project__places")
        .order_by("meeting__date", "position", "pk")
    )


def build_package(*, base_url: str, data_source: str) -> JSON:
    """The package; ``base_url`` is the site's root (no trailing slash) for links to decisions."""
    decisions = published_grant_decisions()
    latest = current_of_chains(decisions)
    funders_by_programme: dict[int, list[JSON]] = {}
    for contribution in FunderContribution.objects.select_related(
        "organisation__municipality"
    ).order_by("programme_id", "pk"):
        funders_by_programme.setdefault(contribution.programme_id, []).append(
            _organisation(contribution.organisation)
        )
    grants = [
        _grant(
            decision,
            latest[decision.pk],
            funders_by_programme.get(decision.meeting.programme_id, []),
            data_source,
            base_url,
        )
        for decision in decisions
        if decision.pk in latest
    ]
    modified = Decision.objects.published().aggregate(last=Max("published_at"))["last"]
    licence = open_data_licence()
    package: JSON = {
        "version": STANDARD_VERSION,
        "title": f"Besluiten van {settings.REGIODEAL_SITE_NAME}",
        "description": (
            "De gepubliceerde besluiten van de stuurgroepen van alle programma's die geld "
            "toekennen, een toekenning per besluit; een gecorrigeerd besluit met het bedrag "
            "van de laatste correctie."
        ),
        "identifier": f"{prefix()}-besluiten",
        "issued": datetime.date.today().isoformat(),
        "publisher": {"identifier": prefix(), "name": settings.REGIODEAL_SITE_NAME},
        "license": licence.url,
        "grants": grants,
    }
    if base_url:
        package["publisher"]["website"] = base_url + "/"
    if modified:
        package["modified"] = modified.isoformat()
    return package


@cache
def _schemas() -> tuple[JSON, JSON]:
    return (
        json.loads(PACKAGE_SCHEMA.read_text(encoding="utf-8")),
        json.loads(GRANT_SCHEMA.read_text(encoding="utf-8")),
    )


def _is_date_time(value: object) -> bool:
    if not isinstance(value, str) or "T" not in value.upper():
        return False
    try:
        parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return parsed.tzinfo is not None


def validation_errors(package: JSON) -> list[str]:
    """What is wrong with ``package`` by the 360Giving schema, checked offline; empty if valid.

    Dates in the schema are "a date-time or a plain date" (``oneOf``): without a check of the
    date-time format a plain date matches both and fails, so that format is always checked.
    """
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    # The schemas name their dialect as "http://json-schema.org/draft/2020-12/schema", which
    # is not the dialect's canonical id (https), so the dialect is given rather than detected.
    package_schema, grant_schema = _schemas()
    grant_resource = DRAFT202012.create_resource(grant_schema)
    registry = Registry().with_resources(
        [(GRANT_SCHEMA_URL, grant_resource), (grant_schema["$id"], grant_resource)]
    )
    checker = FormatChecker(formats=())
    checker.checks("date-time")(_is_date_time)
    validator = Draft202012Validator(package_schema, registry=registry, format_checker=checker)
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(package)'}: {error.message}"
        for error in validator.iter_errors(package)
    ]
