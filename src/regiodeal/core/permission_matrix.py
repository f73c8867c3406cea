"""The permission matrix: who may do what, and what every URL answers to every role.

``tests/test_permission_matrix.py`` requests every URL pattern of the project (GET) as the
public and as one account per role and compares each answer with this table; the same test
asks every permission function about every role. ``docs/permissions.md`` is rendered from this
table (``regiodeal permissions-doc``).

It is written out by hand and does not import ``permissions.py`` on purpose: the test compares
two independent statements of the policy, so a slip in either one shows.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.urls import URLResolver, get_resolver

from .roles import Role

ANONYMOUS = "anonymous"
COLUMNS: tuple[str, ...] = (ANONYMOUS, *(role.value for role in Role))
ADMIN_PREFIX = "beheer/"


class Outcome(StrEnum):
    OK = "200"
    REDIRECT = "302"  # a redirect by design (not to the login page); the row says where
    FORBIDDEN = "403"
    NOT_FOUND = "404"
    METHOD_NOT_ALLOWED = "405"
    LOGIN = "login"  # a redirect to the login page


OUTCOME_MEANINGS = {
    Outcome.OK: "the page opens",
    Outcome.REDIRECT: "a redirect by design, not to the login page (the row's note says where)",
    Outcome.FORBIDDEN: "refused; the page gives the reason",
    Outcome.NOT_FOUND: "nothing to show here",
    Outcome.METHOD_NOT_ALLOWED: "not by GET (logging out is a POST)",
    Outcome.LOGIN: "redirected to the login page (for a logged-in account without a "
    "back-office role: the login page says the account has no access)",
}

ADMIN = frozenset({Role.BEHEERDER})
OFFICE = ADMIN | {Role.MEDEWERKER}
CONCEPT_READERS = OFFICE | {Role.STUURGROEPLID}
NOMINATORS = OFFICE | {Role.PORTEFEUILLEHOUDER}
BACK_OFFICE = CONCEPT_READERS | {Role.PORTEFEUILLEHOUDER}
NOBODY: frozenset[Role] = frozenset()

# The permission functions of core/permissions.py and the roles each one allows.
FUNCTIONS: dict[str, frozenset[Role]] = {
    "may_use_back_office": BACK_OFFICE,
    "may_edit_programme": OFFICE,
    "may_edit_decisions": OFFICE,
    "may_adopt": OFFICE,
    "may_publish": ADMIN,
    "may_import": OFFICE,
    "may_view_concept_decisions": CONCEPT_READERS,
    "may_nominate_projects": NOMINATORS,
    "may_manage_accounts": ADMIN,
    "may_view_calls": CONCEPT_READERS,
    "may_run_calls": OFFICE,
    "may_view_monitoring": CONCEPT_READERS,
    "may_edit_monitoring": OFFICE,
    "may_review_reports": OFFICE,
    "may_view_finance": CONCEPT_READERS,
    "may_edit_finance": OFFICE,
    "may_issue_grants": OFFICE,
}

# Pages outside the admin's model pages, one row each: (note, outcome per column, in the order
# anonymous, programmabureau-beheerder, -medewerker, stuurgroeplid, portefeuillehouder, expert,
# penvoerder, financier, aanvrager). A key is the URL name, or the route of an unnamed pattern.
SITE: dict[str, tuple[str, str]] = {
    "portal:home": ("", "200   200 200 200 200   200   200   200   200"),
    "portal:projects": ("", "200   200 200 200 200   200   200   200   200"),
    "portal:programmes": (
        "all programmes with something published",
        "200   200 200 200 200   200   200   200   200",
    ),
    "portal:programme": (
        "the demo programme (one with nothing published: 404)",
        "200   200 200 200 200   200   200   200   200",
    ),
    "portal:search": ("", "200   200 200 200 200   200   200   200   200"),
    "portal:project": ("a published demo project", "200   200 200 200 200   200   200   200   200"),
    "portal:besluitenlijsten": ("", "200   200 200 200 200   200   200   200   200"),
    "portal:besluitenlijst": (
        "the published list of December 2021",
        "200   200 200 200 200   200   200   200   200",
    ),
    "portal:besluitenlijst_download": (
        "that list as Markdown",
        "200   200 200 200 200   200   200   200   200",
    ),
    "finance:overview": (
        "the programme's money, from published decisions and issued grants",
        "200   200 200 200 200   200   200   200   200",
    ),
    "finance:export": ("the overview as CSV", "200   200 200 200 200   200   200   200   200"),
    "finance:grant-letter": (
        "an issued beschikking of the demo (a draft: 404)",
        "200   200 200 200 200   200   200   200   200",
    ),
    "finance:settlement-letter": (
        "the demo's issued vaststelling",
        "200   200 200 200 200   200   200   200   200",
    ),
    "calls:calls": ("", "200   200 200 200 200   200   200   200   200"),
    "calls:call": (
        "the demo call openstelling-2025",
        "200   200 200 200 200   200   200   200   200",
    ),
    "calls:register_idea": (
        "openstelling-2025 (closed: says so)",
        "login 200 200 200 200   200   200   200   200",
    ),
    "calls:register": (
        "a logged-in account is sent to its applications",
        "200   302 302 302 302   302   302   302   302",
    ),
    "calls:login": (
        "the public login; a logged-in account is sent to its applications",
        "200   302 302 302 302   302   302   302   302",
    ),
    "calls:logout": ("logging out is a POST", "405   405 405 405 405   405   405   405   405"),
    "calls:my_applications": ("", "login 200 200 200 200   200   200   200   200"),
    "calls:application": (
        "AV-2025-0001 of the demo (aanvrager1's): anyone else's is not found",
        "login 404 404 404 404   404   404   404   404",
    ),
    "calls:attachment_add": (
        "uploading is a POST",
        "405   405 405 405 405   405   405   405   405",
    ),
    "calls:attachment": (
        "an attachment of AV-2025-0001: only its applicant",
        "login 404 404 404 404   404   404   404   404",
    ),
    "calls:attachment_remove": (
        "removing is a POST",
        "405   405 405 405 405   405   405   405   405",
    ),
    "calls:withdraw": (
        "AV-2025-0001: only its applicant",
        "login 404 404 404 404   404   404   404   404",
    ),
    "review:assignments": (
        "the reviewer's own assignments (empty for others)",
        "login 200 200 200 200   200   200   200   200",
    ),
    "review:application": (
        "an application assigned to the expert account; anyone else's is not found",
        "login 404 404 404 404   200   404   404   404",
    ),
    "review:attachment": (
        "an attachment of that application, as a download",
        "login 404 404 404 404   200   404   404   404",
    ),
    "monitoring:my_projects": (
        "a project lead's own projects (empty for others)",
        "login 200 200 200 200   200   200   200   200",
    ),
    "monitoring:my_project": (
        "a demo project led by projectleider1: nobody else's",
        "login 404 404 404 404   404   404   404   404",
    ),
    "monitoring:my_report": (
        "that project's open report: nobody else's",
        "login 404 404 404 404   404   404   404   404",
    ),
    "monitoring:portfolio": ("", "200   200 200 200 200   200   200   200   200"),
    "monitoring:learning": ("", "200   200 200 200 200   200   200   200   200"),
    "monitoring:lessons": ("", "200   200 200 200 200   200   200   200   200"),
    "monitoring:uitvoeringsprogramma": (
        "the demo programme's 2022 uitvoeringsprogramma",
        "200   200 200 200 200   200   200   200   200",
    ),
    "monitoring:uitvoeringsprogramma_download": (
        "that document as Markdown",
        "200   200 200 200 200   200   200   200   200",
    ),
    "places:organisation": ("a demo organisation", "200   200 200 200 200   200   200   200   200"),
    "places:municipality": ("a demo municipality", "200   200 200 200 200   200   200   200   200"),
    "places:map": ("", "200   200 200 200 200   200   200   200   200"),
    "places:besluitenlijst-feed": ("", "200   200 200 200 200   200   200   200   200"),
    "places:sitemap": ("", "200   200 200 200 200   200   200   200   200"),
    "opendata:index": ("", "200   200 200 200 200   200   200   200   200"),
    "opendata:360giving": (
        "360Giving package of the published decisions",
        "200   200 200 200 200   200   200   200   200",
    ),
    "opendata:download": (
        "the projects as CSV",
        "200   200 200 200 200   200   200   200   200",
    ),
    "api:api-root": ("the resources of the API", "200   200 200 200 200   200   200   200   200"),
    "api:openapi": ("the OpenAPI 3 document", "200   200 200 200 200   200   200   200   200"),
    "api:docs": (
        "the human-readable API documentation",
        "200   200 200 200 200   200   200   200   200",
    ),
    "api:programma-list": ("", "200   200 200 200 200   200   200   200   200"),
    "api:programma-detail": (
        "a published one of the demo",
        "200   200 200 200 200   200   200   200   200",
    ),
    "api:pijler-list": ("", "200   200 200 200 200   200   200   200   200"),
    "api:pijler-detail": (
        "a published one of the demo",
        "200   200 200 200 200   200   200   200   200",
    ),
    "api:project-list": ("", "200   200 200 200 200   200   200   200   200"),
    "api:project-detail": (
        "a published one of the demo",
        "200   200 200 200 200   200   200   200   200",
    ),
    "api:besluit-list": ("", "200   200 200 200 200   200   200   200   200"),
    "api:besluit-detail": (
        "a published one of the demo",
        "200   200 200 200 200   200   200   200   200",
    ),
    "api:besluitenlijst-list": ("", "200   200 200 200 200   200   200   200   200"),
    "api:besluitenlijst-detail": (
        "a published one of the demo",
        "200   200 200 200 200   200   200   200   200",
    ),
    "api:organisatie-list": ("", "200   200 200 200 200   200   200   200   200"),
    "api:organisatie-detail": (
        "a published one of the demo",
        "200   200 200 200 200   200   200   200   200",
    ),
    "api:gemeente-list": ("", "200   200 200 200 200   200   200   200   200"),
    "api:gemeente-detail": (
        "a published one of the demo",
        "200   200 200 200 200   200   200   200   200",
    ),
    "api:not-found": (
        "any other address under /api/v1/ (a problem+json 404)",
        "404   404 404 404 404   404   404   404   404",
    ),
    "set_language": (
        "redirects back to the page it came from (the language is set by POST)",
        "302   302 302 302 302   302   302   302   302",
    ),
    "admin:index": ("", "login 200 200 200 200   login login login login"),
    "admin:login": (
        "an account already in the back office is sent on to its index",
        "200   302 302 302 302   200   200   200   200",
    ),
    "admin:logout": (
        "logging out is a POST; a GET without access is sent to the index",
        "302   405 405 405 405   302   302   302   302",
    ),
    "admin:password_change": ("", "login 200 200 200 200   login login login login"),
    "admin:password_change_done": ("", "login 200 200 200 200   login login login login"),
    "admin:jsi18n": ("", "login 200 200 200 200   login login login login"),
    "admin:autocomplete": (
        "organisations for a project's lead organisation",
        "login 200 200 200 200   login login login login",
    ),
    "admin:view_on_site": (
        "redirects to a project's public page",
        "login 302 302 302 302   login login login login",
    ),
    "admin:app_list": (
        "the decisions app: a portfolio holder sees none of its models",
        "login 200 200 200 404   login login login login",
    ),
    f"{ADMIN_PREFIX}(?P<url>.*)$": (
        "any other address under the back office",
        "login 404 404 404 404   login login login login",
    ),
}


@dataclass(frozen=True)
class Extra:
    """A page an admin class adds to the standard ones; it needs the given right."""

    kind: str  # the URL name's suffix
    right: str  # view, add, change, delete or act
    allowed: Outcome = Outcome.OK
    note: str = ""


@dataclass(frozen=True)
class ModelAccess:
    """Which roles may view, add, change and delete a model in the back office."""

    view: frozenset[Role]
    add: frozenset[Role]
    change: frozenset[Role]
    delete: frozenset[Role]
    sample: str  # the object whose pages are requested (a heading in the docs)
    audited: bool = False  # django-simple-history: a page per past version
    extra: tuple[Extra, ...] = ()
    act: frozenset[Role] = frozenset()  # the model's action pages (issue, pay, settle)


def _edited_by(edit: frozenset[Role], view: frozenset[Role] = BACK_OFFICE, **rest) -> ModelAccess:
    return ModelAccess(view=view, add=edit, change=edit, delete=edit, **rest)


MODELS: dict[str, ModelAccess] = {
    "auth.group": _edited_by(ADMIN, ADMIN, sample="the group stuurgroeplid"),
    "auth.user": _edited_by(
        ADMIN,
        ADMIN,
        sample="the steering-group member's account",
        extra=(Extra("password_change", "change"),),
    ),
    "axes.accessattempt": ModelAccess(ADMIN, NOBODY, ADMIN, ADMIN, sample="a failed login"),
    "axes.accesslog": ModelAccess(ADMIN, NOBODY, ADMIN, ADMIN, sample="a login"),
    "axes.accessfailurelog": ModelAccess(ADMIN, NOBODY, ADMIN, ADMIN, sample="a failed login"),
    "otp_totp.totpdevice": _edited_by(
        ADMIN,
        ADMIN,
        sample="another account's authenticator app",
        extra=(Extra("config", "view"), Extra("qrcode", "view")),
    ),
    "otp_static.staticdevice": _edited_by(ADMIN, ADMIN, sample="another account's backup codes"),
    "organisations.province": _edited_by(OFFICE, sample="Drenthe (PV22)"),
    "organisations.municipality": _edited_by(OFFICE, sample="Emmen (GM0114)"),
    "organisations.organisation": _edited_by(OFFICE, sample="Gemeente Emmen", audited=True),
    "programmes.programme": _edited_by(OFFICE, sample="the demo programme", audited=True),
    "programmes.pillar": _edited_by(OFFICE, sample="a pillar of the demo", audited=True),
    "programmes.fundercontribution": _edited_by(
        OFFICE, sample="a funder's contribution", audited=True
    ),
    "programmes.theme": _edited_by(OFFICE, sample="a theme of the demo", audited=True),
    "projects.project": ModelAccess(
        BACK_OFFICE, NOMINATORS, OFFICE, OFFICE, sample="a published demo project", audited=True
    ),
    "decisions.meeting": _edited_by(
        OFFICE, CONCEPT_READERS, sample="a draft meeting", audited=True
    ),
    "decisions.decision": _edited_by(
        OFFICE, CONCEPT_READERS, sample="a draft decision", audited=True
    ),
    # A besluitenlijst is written by publishing a meeting, never by hand.
    "decisions.decisionlist": ModelAccess(
        CONCEPT_READERS,
        NOBODY,
        NOBODY,
        NOBODY,
        sample="the published list of December 2021",
        audited=True,
    ),
    "calls.call": _edited_by(
        OFFICE,
        CONCEPT_READERS,
        sample="a call",
        audited=True,
        extra=(
            Extra(
                "allocation", "view", note="ranking and allocation; its forms act for the office"
            ),
        ),
    ),
    # Applications are written by applicants on the public site; the office takes its steps.
    "calls.application": ModelAccess(
        CONCEPT_READERS,
        NOBODY,
        NOBODY,
        NOBODY,
        sample="a complete application with an attachment, assigned to the expert account",
        audited=True,
        act=OFFICE,
        extra=(
            Extra("pre_check", "act"),
            Extra("completeness", "act"),
            Extra("ineligible", "act"),
            Extra("assign", "act"),
            Extra("attachment", "act", note="an attachment, as a download"),
        ),
    ),
    "monitoring.progressreport": _edited_by(
        OFFICE,
        CONCEPT_READERS,
        sample="the demo's open report",
        audited=True,
        act=OFFICE,
        extra=(Extra("accept", "act"), Extra("return", "act")),
    ),
    "monitoring.result": _edited_by(
        OFFICE, CONCEPT_READERS, sample="a result of the demo", audited=True
    ),
    "monitoring.indicator": _edited_by(
        OFFICE, CONCEPT_READERS, sample="an indicator of the demo", audited=True
    ),
    "monitoring.interventionelement": _edited_by(
        OFFICE, CONCEPT_READERS, sample="an element of the demo", audited=True
    ),
    # Imports are added by the upload screen, which reads the file, and are kept as received.
    "ingest.sourcedocument": ModelAccess(
        OFFICE,
        NOBODY,
        NOBODY,
        OFFICE,
        sample="an import whose meeting is still a draft",
        extra=(Extra("upload", "view"), Extra("review", "view")),
    ),
    # Grant decisions and settlements change through their action pages, which the office uses;
    # issuing one (a decision with legal effect) is the office's too. An issued one is closed.
    "finance.grantdecision": _edited_by(
        OFFICE,
        CONCEPT_READERS,
        sample="a draft grant decision for a published extension",
        audited=True,
        act=OFFICE,
        extra=(
            Extra("issue", "act"),
            Extra("pay_advance", "act"),
            Extra("settle", "act"),
            Extra("letter", "view", note="the letter as ODT"),
        ),
    ),
    # A settlement is made by settling its grant decision; a draft is deleted, never edited.
    "finance.settlement": ModelAccess(
        CONCEPT_READERS,
        NOBODY,
        NOBODY,
        OFFICE,
        sample="a draft settlement of a demo grant decision",
        audited=True,
        act=OFFICE,
        extra=(
            Extra("issue", "act"),
            Extra("pay_balance", "act"),
            Extra("letter", "view", note="the letter as ODT"),
        ),
    ),
    "finance.attributionkey": _edited_by(
        OFFICE, CONCEPT_READERS, sample="a programme-wide attribution key", audited=True
    ),
    # The ledger is written by the services only and never changed.
    "finance.ledgerentry": ModelAccess(
        CONCEPT_READERS, NOBODY, NOBODY, NOBODY, sample="a commitment of the demo"
    ),
}

# The admin's standard pages per model and the right each needs to open (GET). The change page
# opens read-only for whoever may view; the unnamed "<id>/" route is the admin's old address of
# the change page and redirects there for every back-office account.
STANDARD_KINDS = {
    "changelist": "view",
    "add": "add",
    "change": "view",
    "delete": "delete",
    "history": "view",
}
AUDITED_KINDS = {"simple_history": "view"}
REDIRECT_KIND = "redirect"


@dataclass(frozen=True)
class Row:
    key: str  # URL name with namespace, or the route of an unnamed pattern
    group: str  # heading in docs/permissions.md: the page's area, or the model
    outcomes: tuple[Outcome, ...]  # in COLUMNS order
    note: str = ""
    model: str = ""  # app_label.model_name, for the admin's model pages
    kind: str = ""  # changelist, add, change, ... for the admin's model pages

    def outcome(self, column: str) -> Outcome:
        return self.outcomes[COLUMNS.index(column)]


def _parse(grid: str) -> tuple[Outcome, ...]:
    outcomes = tuple(Outcome(cell) for cell in grid.split())
    if len(outcomes) != len(COLUMNS):
        raise ValueError(f"{grid!r}: one outcome per column, {len(COLUMNS)} in all")
    return outcomes


def _by_role(roles: frozenset[Role], allowed: Outcome) -> tuple[Outcome, ...]:
    """A model page: outside the back office the login page, inside it allowed or refused."""

    def one(column: str) -> Outcome:
        if column == ANONYMOUS or Role(column) not in BACK_OFFICE:
            return Outcome.LOGIN
        return allowed if Role(column) in roles else Outcome.FORBIDDEN

    return tuple(one(column) for column in COLUMNS)


def _model_rows(label: str, access: ModelAccess) -> Iterable[Row]:
    app_label, model_name = label.split(".")
    name = f"admin:{app_label}_{model_name}"
    kinds = {**STANDARD_KINDS, **(AUDITED_KINDS if access.audited else {})}
    for kind, right in kinds.items():
        outcomes = _by_role(getattr(access, right), Outcome.OK)
        yield Row(f"{name}_{kind}", label, outcomes, "", label, kind)
    for extra in access.extra:
        outcomes = _by_role(getattr(access, extra.right), extra.allowed)
        yield Row(f"{name}_{extra.kind}", label, outcomes, extra.note, label, extra.kind)
    route = f"{ADMIN_PREFIX}{app_label}/{model_name}/<path:object_id>/"
    outcomes = _by_role(BACK_OFFICE, Outcome.REDIRECT)
    yield Row(route, label, outcomes, "redirects to the change page", label, REDIRECT_KIND)


def _site_group(key: str) -> str:
    if key.startswith(("admin:", ADMIN_PREFIX)):
        return "Back office"
    if key.startswith("api:"):
        return "API"
    return "Language" if key == "set_language" else "Public site"


def expected_rows() -> list[Row]:
    rows = [Row(key, _site_group(key), _parse(grid), note) for key, (note, grid) in SITE.items()]
    for label, access in MODELS.items():
        rows.extend(_model_rows(label, access))
    return rows


def url_patterns() -> list[tuple[str, str]]:
    """Every URL pattern of the project as (key, route); the key as in ``Row.key``."""
    found: list[tuple[str, str]] = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = ":".join(part for part in (namespace, pattern.namespace) if part)
                walk(pattern.url_patterns, route, inner)
            elif pattern.name:
                found.append((":".join(p for p in (namespace, pattern.name) if p), route))
            else:
                found.append((route, route))

    walk(get_resolver().url_patterns, "", "")
    return found
