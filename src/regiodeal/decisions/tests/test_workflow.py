import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from regiodeal.core.errors import DomainError, ImmutableRecordError
from regiodeal.decisions import services
from regiodeal.decisions.constants import DecisionKind, DecisionState
from regiodeal.decisions.models import Decision, DecisionList
from regiodeal.decisions.selectors import committed_amount, programme_budget
from regiodeal.decisions.tests.factories import make_decision, make_meeting, make_published_list
from regiodeal.programmes.tests.factories import FunderContributionFactory, PillarFactory
from regiodeal.projects.constants import ProjectStatus
from regiodeal.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    project = ProjectFactory(pillar__budget=Decimal("500000"))
    FunderContributionFactory(programme=project.programme, amount=Decimal("1000000"))
    return project


def test_adopt_and_publish_closes_the_meeting_and_decides_the_project(project):
    meeting = make_meeting(project.programme)
    decision = make_decision(meeting, project, amount=Decimal("480000"))
    besluitenlijst = make_published_list(meeting, decision)

    decision.refresh_from_db()
    project.refresh_from_db()
    assert decision.state == DecisionState.GEPUBLICEERD
    assert besluitenlijst.title == "Besluitenlijst december 2021"
    assert project.status == ProjectStatus.BESLOTEN
    with pytest.raises(ValidationError) as refused:
        make_decision(meeting, project)
    assert "gepubliceerd" in str(refused.value)


def test_changing_a_published_decision_fails_and_changes_nothing(project):
    meeting = make_meeting(project.programme)
    decision = make_decision(meeting, project, amount=Decimal("480000"))
    make_published_list(meeting, decision)

    decision.refresh_from_db()
    decision.amount = Decimal("1")
    with pytest.raises(ImmutableRecordError) as refused:
        decision.save()
    assert "gepubliceerd besluit kan niet worden gewijzigd" in refused.value.messages[0]

    with pytest.raises(ImmutableRecordError):
        Decision.objects.filter(pk=decision.pk).update(amount=Decimal("1"))
    with pytest.raises(ImmutableRecordError):
        Decision.objects.get(pk=decision.pk).delete()
    with pytest.raises(ImmutableRecordError):
        Decision.objects.filter(pk=decision.pk).delete()
    with pytest.raises(ImmutableRecordError):
        DecisionList.objects.get().delete()

    stored = Decision.objects.get(pk=decision.pk)
    assert stored.amount == Decimal("480000.00")
    assert stored.state == DecisionState.GEPUBLICEERD
    assert stored.history.count() == 3  # created, adopted, published


def test_adopting_above_the_pillar_budget_needs_a_reason(project):
    meeting = make_meeting(project.programme)
    first = make_decision(meeting, project, amount=Decimal("400000"))
    services.adopt_decision(first)
    second = make_decision(
        meeting,
        ProjectFactory(programme=project.programme, pillar=project.pillar),
        amount=Decimal("100000.01"),
    )

    with pytest.raises(services.BudgetExceededError) as refused:
        services.adopt_decision(second)
    message = refused.value.messages[0]
    assert "boven het budget" in message
    assert "€\u00a0100.000" in message
    assert "reden" in message

    second.refresh_from_db()
    assert second.state == DecisionState.CONCEPT
    assert second.adopted_at is None
    assert committed_amount(project.programme, pillar=project.pillar) == Decimal("400000")

    services.adopt_decision(second, override_reason="Besloten in de stuurgroep van 14-12")
    second.refresh_from_db()
    assert second.state == DecisionState.VASTGESTELD
    assert second.budget_override_reason == "Besloten in de stuurgroep van 14-12"


def test_without_pillar_budgets_the_programme_total_is_the_limit():
    project = ProjectFactory(pillar__budget=None)
    FunderContributionFactory(programme=project.programme, amount=Decimal("300000"))
    meeting = make_meeting(project.programme)
    decision = make_decision(meeting, project, amount=Decimal("300000.01"))
    with pytest.raises(services.BudgetExceededError) as refused:
        services.adopt_decision(decision)
    assert "het programma" in refused.value.messages[0]
    decision.refresh_from_db()
    assert decision.state == DecisionState.CONCEPT


def test_a_correction_replaces_the_published_amount(project):
    meeting = make_meeting(project.programme)
    original = make_decision(meeting, project, amount=Decimal("480000"))
    make_published_list(meeting, original)

    later = make_meeting(project.programme, datetime.date(2022, 3, 8))
    # 500.000 fits in the pillar only because the 480.000 it replaces is released.
    correction = services.create_correction(
        original=Decision.objects.get(pk=original.pk),
        meeting=later,
        amount=Decimal("500000"),
        text="Het bedrag is gecorrigeerd.",
    )
    services.adopt_decision(correction)
    assert committed_amount(project.programme) == Decimal("500000")
    assert committed_amount(project.programme, published_only=True) == Decimal("480000")
    services.publish_besluitenlijst(later)
    assert committed_amount(project.programme, published_only=True) == Decimal("500000")
    assert Decision.objects.get(pk=original.pk).amount == Decimal("480000")


def test_publishing_refuses_a_meeting_with_drafts(project):
    meeting = make_meeting(project.programme)
    make_decision(meeting, project)
    with pytest.raises(DomainError) as refused:
        services.publish_besluitenlijst(meeting)
    assert "concept" in refused.value.messages[0]
    assert not DecisionList.objects.exists()


def test_rejection_has_no_amount_and_commits_nothing(project):
    meeting = make_meeting(project.programme)
    with pytest.raises(ValidationError):
        make_decision(meeting, project, kind=DecisionKind.AFWIJZING, amount=Decimal("10"))
    rejection = make_decision(meeting, project, kind=DecisionKind.AFWIJZING, amount=None)
    make_published_list(meeting, rejection)
    project.refresh_from_db()
    assert project.status == ProjectStatus.AFGEWEZEN
    assert committed_amount(project.programme) == Decimal("0")


def test_budget_overview_counts_only_published_decisions_for_the_public(project):
    other_pillar = PillarFactory(programme=project.programme, budget=Decimal("200000"))
    meeting = make_meeting(project.programme)
    published = make_decision(meeting, project, amount=Decimal("50000"))
    make_published_list(meeting, published)
    later = make_meeting(project.programme, datetime.date(2022, 3, 8))
    adopted = make_decision(
        later,
        ProjectFactory(programme=project.programme, pillar=other_pillar),
        amount=Decimal("70000"),
    )
    services.adopt_decision(adopted)

    public = programme_budget(project.programme, published_only=True)
    internal = programme_budget(project.programme, published_only=False)
    assert public.total == Decimal("1000000")
    assert public.committed == Decimal("50000")
    assert internal.committed == Decimal("120000")
    by_pillar = {row.pillar: row for row in public.pillars}
    assert by_pillar[project.pillar].available == Decimal("450000")
    assert by_pillar[other_pillar].committed == Decimal("0")
    assert sum(f.committed for f in public.funders) == public.committed


def test_decision_for_a_project_of_another_programme_is_refused(project):
    meeting = make_meeting(project.programme)
    with pytest.raises(ValidationError) as refused:
        make_decision(meeting, ProjectFactory())
    assert "project" in refused.value.message_dict


def test_a_draft_may_lack_its_amount_but_cannot_be_adopted_without_one(project):
    meeting = make_meeting(project.programme)
    draft = make_decision(meeting, project, amount=None)
    with pytest.raises(DomainError) as refused:
        services.adopt_decision(draft)
    assert "bedrag" in str(refused.value)
    draft.refresh_from_db()
    assert draft.state == DecisionState.CONCEPT


def test_a_decision_is_corrected_once_then_its_correction_is(project):
    meeting = make_meeting(project.programme)
    original = make_decision(meeting, project, amount=Decimal("100000"))
    make_published_list(meeting, original)
    second = make_meeting(project.programme, datetime.date(2022, 3, 8))
    first_fix = services.create_correction(
        original=Decision.objects.get(pk=original.pk),
        meeting=second,
        amount=Decimal("80000"),
        text="Eerste correctie.",
    )
    services.adopt_decision(first_fix)
    with pytest.raises(ValidationError) as refused:
        services.create_correction(
            original=Decision.objects.get(pk=original.pk),
            meeting=second,
            amount=Decimal("90000"),
            text="Tweede correctie van hetzelfde besluit.",
        )
    assert "corrects" in refused.value.message_dict
    assert committed_amount(project.programme) == Decimal("80000")
