"""Every URL of the project, requested as the public and as each role, answers as the table says.

The table is ``regiodeal.core.permission_matrix``: written by hand, apart from the permission
functions, and kept in the package because ``regiodeal permissions-doc`` renders
``docs/permissions.md`` from it. A URL pattern the table does not cover fails here, and so does
a row for a pattern that no longer exists.
"""

import datetime
import io
from decimal import Decimal
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from regiodeal.calls.models import Application, Attachment, Call, ReviewAssignment
from regiodeal.core import permissions
from regiodeal.core.admin_utils import RolePermissionMixin
from regiodeal.core.permission_matrix import (
    ANONYMOUS,
    BACK_OFFICE,
    COLUMNS,
    FUNCTIONS,
    REDIRECT_KIND,
    Outcome,
    Row,
    expected_rows,
    url_patterns,
)
from regiodeal.core.permissions_doc import render
from regiodeal.core.roles import Role, group_of
from regiodeal.decisions import services
from regiodeal.decisions.models import DecisionList
from regiodeal.finance import services as finance_services
from regiodeal.finance.models import AttributionKey, GrantDecision, LedgerEntry, Settlement
from regiodeal.ingest.models import SourceDocument
from regiodeal.monitoring.models import (
    Indicator,
    InterventionElement,
    ProgressReport,
    Result,
)
from regiodeal.organisations.models import Municipality, Organisation, Province
from regiodeal.projects.models import Project

DOC = Path(__file__).resolve().parents[1] / "docs" / "permissions.md"

# Admin pages that need no object; the others get the sample object's primary key.
WITHOUT_OBJECT = {"changelist", "add", "upload"}
# Admin pages that need more than the object: the further path parameters.
FURTHER_ARGS = {"letter": ["odt"]}


def test_the_table_covers_every_url_pattern_and_only_those():
    patterns = [key for key, _route in url_patterns()]
    rows = [row.key for row in expected_rows()]
    assert len(patterns) == len(set(patterns)), "two URL patterns share a name"
    assert len(rows) == len(set(rows)), "the table has a pattern twice"
    missing = sorted(set(patterns) - set(rows))
    stale = sorted(set(rows) - set(patterns))
    assert not missing, "URL patterns missing from core/permission_matrix.py: " + ", ".join(missing)
    assert not stale, "rows in core/permission_matrix.py without a URL pattern: " + ", ".join(stale)


def test_every_admin_class_and_inline_applies_the_role_rules():
    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, RolePermissionMixin), model._meta.label
        for inline in model_admin.inlines:
            assert issubclass(inline, RolePermissionMixin), inline


def test_docs_permissions_md_is_what_the_command_renders():
    output = io.StringIO()
    call_command("permissions-doc", stdout=output)
    assert output.getvalue() == render()
    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/permissions.md is out of date: regiodeal permissions-doc > docs/permissions.md"
    )


@pytest.fixture
def accounts(db) -> dict[str, User | None]:
    """No account for the public; one per role, staff for the back-office roles."""
    found: dict[str, User | None] = {ANONYMOUS: None}
    for role in Role:
        user = User.objects.create_user(role.value, is_staff=role in BACK_OFFICE)
        user.groups.add(group_of(role))
        found[role.value] = user
    return found


@pytest.fixture
def samples(full_demo, accounts) -> dict[str, object]:
    """One object per model whose pages are requested, as the table's notes describe them."""
    demo = full_demo
    open_report = ProgressReport.objects.get(
        project__slug="toekomstbestendige-bedrijventerreinen", state="open"
    )
    project = Project.objects.get(slug="levensloop-bestendig-wonen")
    meeting = services.create_meeting(programme=demo, date=datetime.date(2022, 3, 8))
    decision = services.create_decision(
        meeting=meeting, project=project, kind="uitbreiding", amount=Decimal("25000")
    )
    grant, settlement = _finance_samples(demo, project)
    owner = User.objects.create_user("telefoonbezitter")
    login = {"user_agent": "test", "ip_address": "192.0.2.1", "http_accept": "*/*"}
    login |= {"username": "onbekend", "path_info": "/beheer/login/"}
    return {
        "auth.group": Group.objects.get(name=Role.STUURGROEPLID),
        "auth.user": accounts[Role.STUURGROEPLID],
        "axes.accessattempt": AccessAttempt.objects.create(
            **login, get_data="", post_data="", failures_since_start=1
        ),
        "axes.accesslog": AccessLog.objects.create(**login),
        "axes.accessfailurelog": AccessFailureLog.objects.create(**login),
        "otp_totp.totpdevice": TOTPDevice.objects.create(user=owner, name="telefoon"),
        "otp_static.staticdevice": StaticDevice.objects.create(user=owner, name="codes"),
        "organisations.province": Province.objects.get(code="PV22"),
        "organisations.municipality": Municipality.objects.get(code="GM0114"),
        "organisations.organisation": Organisation.objects.get(slug="gemeente-emmen"),
        "programmes.programme": demo,
        "programmes.pillar": demo.pillars.order_by("position").first(),
        "programmes.fundercontribution": demo.contributions.order_by("pk").first(),
        "programmes.theme": demo.themes.order_by("pk").first(),
        "projects.project": project,
        "decisions.meeting": meeting,
        "decisions.decision": decision,
        "decisions.decisionlist": DecisionList.objects.get(meeting__slug="december-2021"),
        "ingest.sourcedocument": SourceDocument.objects.create(
            programme=demo,
            file="imports/besluitenlijst-maart-2022.txt",
            original_name="besluitenlijst-maart-2022.txt",
            sha256="0" * 64,
            format="txt",
            size=28,
            text="Besluitenlijst maart 2022.\n",
            meeting=meeting,
        ),
        "finance.grantdecision": grant,
        "finance.settlement": settlement,
        "finance.attributionkey": AttributionKey.objects.create(
            programme=demo,
            organisation=Organisation.objects.get(slug="gemeente-emmen"),
            weight=Decimal("50"),
        ),
        "finance.ledgerentry": LedgerEntry.objects.filter(programme=demo, kind="verplichting")
        .order_by("pk")
        .first(),
        "calls.call": Call.objects.get(slug="openstelling-2025"),
        "monitoring.progressreport": open_report,
        "monitoring.result": Result.objects.filter(project__programme=demo).order_by("pk").first(),
        "monitoring.indicator": Indicator.objects.filter(result__project__programme=demo)
        .order_by("pk")
        .first(),
        "monitoring.interventionelement": InterventionElement.objects.order_by("pk").first(),
        "calls.application": _calls_sample(accounts[Role.EXPERT]),
    }


def _calls_sample(expert: User) -> Application:
    """A complete application of the demo's 2025 call, with an attachment, assigned to the
    matrix's expert account (directly: the call's allocation has run, so the service refuses)."""
    application = Application.objects.get(reference="AV-2025-0001")
    ReviewAssignment.objects.create(application=application, reviewer=expert)
    attachment = Attachment(application=application, description="Projectplan")
    attachment.file.save("projectplan.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    application.sample_attachment = attachment
    return application


def _finance_samples(demo, project: Project):
    """A draft grant decision for a published extension, and a draft settlement of another,
    issued one: made here so that they do not depend on what the demo has granted."""
    meeting = services.create_meeting(programme=demo, date=datetime.date(2022, 4, 12))
    other = Project.objects.exclude(pk=project.pk).filter(programme=demo).order_by("pk").first()
    decisions = [
        services.create_decision(meeting=meeting, project=p, kind="uitbreiding", amount=amount)
        for p, amount in ((project, Decimal("15000")), (other, Decimal("12000")))
    ]
    for decision in decisions:
        services.adopt_decision(decision)
    services.publish_besluitenlijst(meeting)
    for decision in decisions:
        decision.refresh_from_db()
    grants = [
        finance_services.create_grant(
            decision,
            eligible_costs=decision.amount * 2,
            subsidy_percentage=Decimal("50"),
            date=datetime.date(2022, 5, 1),
            recipient=Organisation.objects.get(slug="gemeente-emmen"),
            schedule=[(datetime.date(2022, 6, 1), Decimal("80"), None)],
        )
        for decision in decisions
    ]
    issued = finance_services.issue_grant(grants[1])
    settlement = finance_services.create_settlement(
        issued, actual_costs=Decimal("20000"), date=datetime.date(2023, 1, 31)
    )
    return grants[0], settlement


def _issued(model):
    return model.objects.filter(issued_at__isnull=False).order_by("pk").first()


def _site_url(key: str, samples: dict) -> str:
    besluitenlijst = samples["decisions.decisionlist"]
    project = samples["projects.project"]
    application = samples["calls.application"]
    attachment = application.sample_attachment
    special = {
        "portal:project": lambda: project.get_absolute_url(),
        "portal:besluitenlijst": lambda: besluitenlijst.get_absolute_url(),
        "portal:programme": lambda: reverse("portal:programme", args=[project.programme.slug]),
        "finance:export": lambda: reverse("finance:export", args=["csv"]),
        "places:organisation": lambda: reverse("places:organisation", args=["gemeente-emmen"]),
        "places:municipality": lambda: reverse("places:municipality", args=["emmen"]),
        "opendata:download": lambda: reverse("opendata:download", args=["projecten", "csv"]),
        "api:programma-detail": lambda: reverse(
            "api:programma-detail", args=[project.programme.slug]
        ),
        "api:pijler-detail": lambda: reverse("api:pijler-detail", args=[project.pillar_id]),
        "api:project-detail": lambda: reverse("api:project-detail", args=[project.slug]),
        "api:besluit-detail": lambda: reverse(
            "api:besluit-detail", args=[besluitenlijst.meeting.decisions.first().pk]
        ),
        "api:besluitenlijst-detail": lambda: reverse(
            "api:besluitenlijst-detail", args=[besluitenlijst.meeting.slug]
        ),
        "api:organisatie-detail": lambda: reverse(
            "api:organisatie-detail", args=["provincie-drenthe"]
        ),
        "api:gemeente-detail": lambda: reverse("api:gemeente-detail", args=["GM0109"]),
        "api:not-found": lambda: "/api/v1/bestaat-niet",
        # ODT: the cheapest of the three formats to render nine times.
        "finance:grant-letter": lambda: reverse(
            "finance:grant-letter", args=[_issued(GrantDecision).reference, "odt"]
        ),
        "finance:settlement-letter": lambda: reverse(
            "finance:settlement-letter", args=[_issued(Settlement).reference, "odt"]
        ),
        "portal:besluitenlijst_download": lambda: reverse(
            "portal:besluitenlijst_download", args=[besluitenlijst.meeting.slug, "md"]
        ),
        "admin:autocomplete": lambda: (
            reverse("admin:autocomplete")
            + "?app_label=projects&model_name=project&field_name=lead_organisation&term=Emmen"
        ),
        "admin:view_on_site": lambda: reverse(
            "admin:view_on_site", args=[ContentType.objects.get_for_model(Project).pk, project.pk]
        ),
        "admin:app_list": lambda: reverse("admin:app_list", args=["decisions"]),
        "calls:call": lambda: reverse("calls:call", args=["openstelling-2025"]),
        "calls:register_idea": lambda: reverse("calls:register_idea", args=["openstelling-2025"]),
        **{
            key: (lambda key=key: reverse(key, args=[application.reference]))
            for key in ("calls:application", "calls:attachment_add", "calls:withdraw")
        },
        **{
            key: (lambda key=key: reverse(key, args=[application.reference, attachment.pk]))
            for key in ("calls:attachment", "calls:attachment_remove", "review:attachment")
        },
        "review:application": lambda: reverse("review:application", args=[application.reference]),
        "monitoring:my_project": lambda: reverse(
            "monitoring:my_project", args=["toekomstbestendige-bedrijventerreinen"]
        ),
        "monitoring:my_report": lambda: reverse(
            "monitoring:my_report",
            args=["toekomstbestendige-bedrijventerreinen", samples["monitoring.progressreport"].pk],
        ),
        "monitoring:uitvoeringsprogramma": lambda: reverse(
            "monitoring:uitvoeringsprogramma", args=[project.programme.slug, 2022]
        ),
        "monitoring:uitvoeringsprogramma_download": lambda: reverse(
            "monitoring:uitvoeringsprogramma_download", args=[project.programme.slug, 2022, "md"]
        ),
        "beheer/(?P<url>.*)$": lambda: "/beheer/bestaat-niet/",
    }
    return special[key]() if key in special else reverse(key)


def concrete_url(row: Row, route: str, samples: dict) -> str:
    if not row.model:
        return _site_url(row.key, samples)
    obj = samples[row.model]
    if row.kind in WITHOUT_OBJECT:
        return reverse(row.key)
    if row.kind == REDIRECT_KIND:
        return "/" + route.replace("<path:object_id>", str(obj.pk))
    if row.kind == "simple_history":
        return reverse(row.key, args=[obj.pk, obj.history.first().history_id])
    if row.kind == "attachment":
        return reverse(row.key, args=[obj.pk, obj.sample_attachment.pk])
    return reverse(row.key, args=[obj.pk, *FURTHER_ARGS.get(row.kind, [])])


def observed(response) -> Outcome:
    if response.status_code == 302:
        # The back office's login, or the public one of applicants, reviewers and leads.
        to_login = response["Location"].startswith((reverse("admin:login"), reverse("calls:login")))
        return Outcome.LOGIN if to_login else Outcome.REDIRECT
    return Outcome(str(response.status_code))


@pytest.mark.parametrize("column", COLUMNS)
def test_every_url_answers_each_role_as_the_table_says(column, accounts, samples):
    client = Client()
    if accounts[column] is not None:
        client.force_login(accounts[column])
    routes = dict(url_patterns())
    wrong = []
    for row in expected_rows():
        url = concrete_url(row, routes[row.key], samples)
        got = observed(client.get(url))
        if got != row.outcome(column):
            wrong.append(f"{row.key} ({url}): expected {row.outcome(column)}, got {got}")
    assert not wrong, f"{column}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("column", COLUMNS)
def test_every_permission_function_allows_the_roles_in_the_table(column, accounts, rf):
    from django.contrib.auth.models import AnonymousUser

    user = accounts[column] or AnonymousUser()
    for name, roles in FUNCTIONS.items():
        permission = getattr(permissions, name)(user)
        expected = column != ANONYMOUS and Role(column) in roles
        assert permission.allowed == expected, f"{name}({column})"
        assert bool(permission.reason) != expected, f"{name}({column}) gives no reason"
