import hashlib
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count, Max, Min, Sum

from regiodeal.decisions.constants import DecisionState
from regiodeal.decisions.models import Decision, DecisionList, Meeting
from regiodeal.decisions.selectors import committed_amount, published_figures
from regiodeal.finance.models import LedgerAllocation, LedgerEntry
from regiodeal.monitoring.models import ProgressReport
from regiodeal.organisations.models import Organisation
from regiodeal.programmes.models import Programme
from regiodeal.projects.models import Project
from regiodeal.synthetic.load import generate

SMALL = {"programmes": 3, "projects": 60, "decisions": 150}


@pytest.fixture
def generated(db):
    return generate(**SMALL, seed=5)


def _digest() -> str:
    digest = hashlib.sha256()
    for row in Project.objects.order_by("slug").values_list("slug", "title", "status"):
        digest.update(repr(row).encode())
    decisions = Decision.objects.order_by("meeting__date", "meeting__slug", "position")
    for row in decisions.values_list("meeting__date", "kind", "amount", "title", "text"):
        digest.update(repr(row).encode())
    return digest.hexdigest()


def test_counts_are_exactly_as_asked(generated):
    assert Programme.objects.count() == 3
    assert Project.objects.count() == 60
    assert Decision.objects.count() == 150
    assert generated.counts["decision"] == 150
    # Every project got its first decision: with more decisions than projects, no ideas.
    assert not Project.objects.filter(decisions__isnull=True).exists()
    assert Decision.objects.filter(kind="nieuw", corrects=None).count() == 60


def test_fewer_decisions_than_projects_leaves_ideas(db):
    generate(programmes=2, projects=40, decisions=25, seed=3)
    assert Decision.objects.count() == 25
    ideas = Project.objects.filter(decisions__isnull=True)
    assert ideas.count() == 15
    assert set(ideas.values_list("status", flat=True)) <= {"idee", "voorgedragen"}


def test_amounts_are_decimal_within_range(generated):
    amounts = list(Decision.objects.exclude(amount=None).values_list("amount", flat=True))
    assert amounts
    assert all(isinstance(a, Decimal) for a in amounts)
    assert all(Decimal(5000) <= a <= Decimal(10_000_000) for a in amounts)
    assert not Decision.objects.filter(kind__in=["afwijzing", "uitstel"], amount__isnull=False)


def test_same_seed_gives_the_same_data(db):
    digests = []
    for _ in range(2):
        # Each run in a savepoint that is rolled back: two runs on the same starting database.
        with transaction.atomic():
            generate(**SMALL, seed=11)
            digests.append(_digest())
            transaction.set_rollback(True)
    assert digests[0] == digests[1]
    with transaction.atomic():
        generate(**SMALL, seed=12)
        assert _digest() != digests[0]
        transaction.set_rollback(True)


def test_meetings_span_a_decade_and_published_ones_have_a_list(generated):
    span = Meeting.objects.aggregate(first=Min("date"), last=Max("date"))
    assert (span["last"] - span["first"]).days >= 9 * 365
    for meeting in Meeting.objects.prefetch_related("decisions"):
        states = {d.state for d in meeting.decisions.all()}
        if DecisionList.objects.filter(meeting=meeting).exists():
            assert states == {DecisionState.GEPUBLICEERD}
        else:
            assert states <= {DecisionState.CONCEPT}
    published = Decision.objects.published()
    assert not published.filter(adopted_at=None).exists()
    assert not published.filter(published_at=None).exists()
    assert not published.filter(pillar=None).exists()


def test_ledger_matches_published_decisions(generated):
    for programme in Programme.objects.all():
        booked = LedgerEntry.objects.filter(programme=programme).aggregate(t=Sum("amount"))["t"]
        # A corrected decision counts with its correction's amount, as the services book it.
        assert booked == committed_amount(programme, published_only=True)
        assert programme.total_budget > 0
    for entry in LedgerEntry.objects.prefetch_related("allocations")[:50]:
        assert sum(a.amount for a in entry.allocations.all()) == entry.amount
    assert LedgerAllocation.objects.count() >= LedgerEntry.objects.count()


def test_statuses_follow_the_decisions(generated):
    public = Project.objects.public()
    assert set(public.values_list("status", flat=True)) <= {"besloten", "lopend", "afgerond"}
    assert not Project.objects.exclude(pk__in=public).exclude(status="voorgedragen").exists()


def test_public_pages_answer(generated, client):
    project = Project.objects.public().filter(reports__isnull=False).first()
    assert project is not None
    assert client.get(project.get_absolute_url()).status_code == 200
    besluitenlijst = DecisionList.objects.first()
    assert client.get(besluitenlijst.get_absolute_url()).status_code == 200
    assert client.get("/financien/").status_code == 200


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 table is SQLite's")
def test_generated_records_are_in_the_search_index(generated):
    from regiodeal.portal.overview import search
    from regiodeal.portal.search import search_projects

    project = Project.objects.public().order_by("pk").first()
    word = max(project.title.split(), key=len)
    assert project in search_projects(word)
    with connection.cursor() as cursor:
        cursor.execute("SELECT kind, count(*) FROM portal_search GROUP BY kind")
        indexed = dict(cursor.fetchall())
    assert indexed["project"] == 60
    assert indexed["decision"] == 150
    assert indexed["lesson"] == ProgressReport.objects.count() > 0
    assert search("zorg").count > 0


@pytest.mark.parametrize(
    "arguments",
    [
        ["--programmes", "0", "--projects", "10", "--decisions", "10"],
        ["--programmes", "-1"],
        ["--programmes", "2", "--projects", "-5"],
        ["--programmes", "501", "--projects", "10", "--decisions", "10"],
        ["--programmes", "2", "--projects", "0", "--decisions", "10"],
    ],
)
def test_bad_input_is_refused_and_nothing_written(db, arguments):
    organisations = Organisation.objects.count()
    with pytest.raises(CommandError):
        call_command("generate", *arguments, "--no-progress")
    assert not Programme.objects.exists()
    assert Organisation.objects.count() == organisations


def test_same_seed_twice_is_refused(generated):
    projects = Project.objects.count()
    with pytest.raises(CommandError, match="startwaarde 5"):
        call_command("generate", "--programmes", "1", "--seed", "5", "--no-progress")
    assert Project.objects.count() == projects


def test_command_prints_a_summary(db, capsys):
    call_command(
        "generate", "--programmes", "1", "--projects", "5", "--decisions", "8", "--no-progress"
    )
    assert "5" in capsys.readouterr().out
    assert Project.objects.count() == 5


def test_funders_and_pillars_are_plausible(generated):
    for programme in Programme.objects.all():
        contributions = list(programme.contributions.select_related("organisation"))
        kinds = {c.organisation.kind for c in contributions}
        assert {"rijksoverheid", "provincie", "gemeente"} <= kinds
        rijk = sum(c.amount for c in contributions if c.organisation.kind == "rijksoverheid")
        assert rijk <= programme.total_budget / 2
        pillars = set(programme.pillars.values_list("slug", flat=True))
        assert {"werken", "wonen", "welzijn"} <= pillars
        places = set(programme.projects.values_list("places__province", flat=True))
        assert len(places) == 1  # the places of a programme lie in its province


def test_the_database_hands_out_ids_after_the_generated_ones(generated):
    # The generator reserved ids itself: the next ORM insert must not collide with them.
    organisation = Organisation.objects.create(name="Na de generator", slug="na-de-generator")
    others = Organisation.objects.exclude(pk=organisation.pk).values_list("pk", flat=True)
    assert organisation.pk > max(others)
    programme = Programme.objects.create(
        name="Regio Deal Handmatig",
        slug="regio-deal-handmatig",
        start_date="2020-01-01",
        end_date="2024-12-31",
    )
    assert programme.pk > 3


def test_progress_bar_run(db):
    call_command("generate", "--programmes", "1", "--projects", "3", "--decisions", "3")
    assert Decision.objects.count() == 3


def test_some_decisions_are_corrected_as_the_office_would(generated):
    corrections = list(
        Decision.objects.filter(corrects__isnull=False).select_related(
            "corrects__meeting", "meeting"
        )
    )
    assert corrections
    for correction in corrections:
        original = correction.corrects
        assert original.state == DecisionState.GEPUBLICEERD
        assert original.meeting.date < correction.meeting.date
        assert (correction.project_id, correction.pillar_id, correction.kind) == (
            original.project_id,
            original.pillar_id,
            original.kind,
        )
        assert correction.amount != original.amount
        assert Decimal("5000") <= correction.amount <= Decimal("10000000")
        # Each chain is keyed in the ledger by its first decision.
        if correction.is_published:
            entries = LedgerEntry.objects.filter(source_decision=correction)
            assert [e.amount for e in entries] == [correction.amount - original.amount]
    assert (
        not Decision.objects.values("corrects")
        .exclude(corrects=None)
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )


def test_projects_keep_their_published_figures(generated):
    projects = list(Project.objects.all())
    figures = published_figures(project.pk for project in projects)
    for project in projects:
        assert (project.decided_amount, project.last_decided_on) == figures[project.pk]
