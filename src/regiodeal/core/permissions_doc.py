"""docs/permissions.md, rendered from the permission matrix (``regiodeal permissions-doc``).

The document is in English, like the rest of ``docs/``; role names are the Dutch group names.
"""

from . import permissions
from .permission_matrix import (
    ANONYMOUS,
    COLUMNS,
    FUNCTIONS,
    MODELS,
    OUTCOME_MEANINGS,
    Row,
    expected_rows,
    url_patterns,
)
from .roles import Role

ROLE_DESCRIPTIONS = {
    Role.BEHEERDER: "the programme office's administrator: everything the office does, "
    "and publishing, accounts and roles",
    Role.MEDEWERKER: "programme office staff: programme, portfolio, meetings and decisions, "
    "imports; adopts decisions",
    Role.STUURGROEPLID: "steering-group member: reads the programme, the portfolio and the "
    "decisions being prepared",
    Role.PORTEFEUILLEHOUDER: "pillar portfolio holder (vakbestuurder, ontwikkelteam): reads "
    "the programme and nominates projects",
    Role.EXPERT: "expert team: no back office yet (scoring applications comes with calls)",
    Role.PENVOERDER: "project lead: no back office yet (reporting comes with monitoring)",
    Role.FINANCIER: "funder: no back office yet (commitments come with finance)",
    Role.AANVRAGER: "applicant: no back office yet (applications come with calls)",
}

INTRODUCTION = """\
# Permissions

<!-- Generated from src/regiodeal/core/permission_matrix.py; do not edit by hand.
     Regenerate with: regiodeal permissions-doc > docs/permissions.md -->

Who may do what in regiodeal. Each role is a Django group with a Dutch name; every
`regiodeal migrate` creates the groups that are missing, and the administrator gives accounts
their roles in the back office (*Gebruikers*). A back-office role also needs the account's
*staff* status; a superuser counts as programmabureau-beheerder. The public needs no account.
`tests/test_permission_matrix.py` checks every line below against the running code: each
permission function for each role, and a GET of every URL pattern as each role.
"""


def _cells(values) -> str:
    return "| " + " | ".join(str(value).replace("|", "\\|") for value in values) + " |"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return [_cells(header), _cells(["---"] * len(header)), *(_cells(row) for row in rows)]


def _summary(function_name: str) -> str:
    doc = getattr(permissions, function_name).__doc__ or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def _roles_section() -> list[str]:
    rows = [[role.value, ROLE_DESCRIPTIONS[role]] for role in Role]
    return ["## Roles", "", *_table(["role (group)", "who"], rows), ""]


def _functions_section() -> list[str]:
    header = ["function", "allows", *(role.value for role in Role)]
    rows = [
        [f"`{name}`", _summary(name), *("yes" if role in roles else "–" for role in Role)]
        for name, roles in FUNCTIONS.items()
    ]
    return [
        "## Permission functions",
        "",
        "In `regiodeal.core.permissions`; each returns `Permission(allowed, reason)`, and the "
        "reason is shown to whoever is refused. Every function except `may_use_back_office` "
        "also needs `may_use_back_office`.",
        "",
        *_table(header, rows),
        "",
    ]


def _models_section() -> list[str]:
    header = ["model", *(role.value for role in Role)]
    rows = []
    for label, access in MODELS.items():
        rights = [
            " ".join(r for r in ("view", "add", "change", "delete") if role in getattr(access, r))
            or "–"
            for role in Role
        ]
        rows.append([f"`{label}`", *rights])
    return [
        "## Back office per model",
        "",
        "What each role may do with each model in the back office. Object rules come on top: "
        "a published decision, a published meeting and a besluitenlijst cannot be changed or "
        "deleted by anyone. Adopting and reopening decisions need `may_adopt`, publishing a "
        "besluitenlijst `may_publish`; the import's upload and review screens need "
        "`may_import`.",
        "",
        *_table(header, rows),
        "",
    ]


def _url_rows(rows: list[Row], routes: dict[str, str]) -> list[list[str]]:
    lines = []
    for row in rows:
        route = routes.get(row.key, "(no such pattern)")
        name = "–" if route == row.key else f"`{row.key}`"  # an unnamed pattern's key is its route
        outcomes = [str(row.outcome(column)) for column in COLUMNS]
        lines.append([f"`/{route}`", name, row.note, *outcomes])
    return lines


def _urls_section() -> list[str]:
    routes = dict(url_patterns())
    rows = expected_rows()
    legend = [f"- **{outcome}**: {meaning}" for outcome, meaning in OUTCOME_MEANINGS.items()]
    lines = [
        "## Every URL",
        "",
        f"The answer to a GET of each of the {len(routes)} URL patterns, as the public "
        f"({ANONYMOUS}) and as an account with one role (staff for the back-office roles). "
        "Path parameters are filled from the demo data; the note says with what.",
        "",
        *legend,
        "",
    ]
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.group, []).append(row)
    header = ["route", "name", "note", *COLUMNS]
    for group, members in groups.items():
        title = f"`{group}`: {MODELS[group].sample}" if group in MODELS else group
        lines += [f"### {title}", "", *_table(header, _url_rows(members, routes)), ""]
    return lines


def render() -> str:
    sections = [
        INTRODUCTION,
        *_roles_section(),
        *_functions_section(),
        *_models_section(),
        *_urls_section(),
    ]
    return "\n".join(sections).rstrip("\n") + "\n"
