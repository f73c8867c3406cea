"""``regiodeal calls close-repairs``: what a scheduler runs to end expired repair periods."""

import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from regiodeal.calls import applications as flow
from regiodeal.calls.constants import ApplicationState as S
from regiodeal.calls.tests.factories import AFTER_DEADLINE, make_call, submitted_application

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("calls", *args, stdout=out)
    return out.getvalue()


def test_nothing_expired_changes_nothing():
    call = make_call()
    waiting = flow.check_completeness(
        submitted_application(call), complete=False, note="Bijlage ontbreekt."
    )  # the repair period runs from now: not over yet
    assert run("close-repairs") == "Geen hersteltermijnen verstreken; niets gewijzigd.\n"
    waiting.refresh_from_db()
    assert waiting.state == S.HERSTEL


def test_expired_repair_periods_are_closed_and_reported_in_dutch(
    django_capture_on_commit_callbacks,
):
    call = make_call()
    expired = flow.check_completeness(
        submitted_application(call), complete=False, note="Begroting ontbreekt.", now=AFTER_DEADLINE
    )
    waiting = flow.check_completeness(
        submitted_application(call), complete=False, note="Bijlage ontbreekt."
    )
    before = {a.pk: a.notifications.count() for a in (expired, waiting)}
    with django_capture_on_commit_callbacks(execute=True):
        output = run("close-repairs")
    assert output.splitlines() == [
        "1 aanvraag afgewezen als onvolledig; de aanvragers zijn bericht:",
        f"  {expired.reference} – Samen sterk in de wijk ({call.title}; hersteltermijn "
        "verstreken op 4 december 2025 13:00)",
    ]
    expired.refresh_from_db()
    waiting.refresh_from_db()
    assert (expired.state, waiting.state) == (S.ONVOLLEDIG, S.HERSTEL)
    assert mail.outbox[-1].to == [expired.applicant.email]
    assert expired.notifications.count() == before[expired.pk] + 1
    assert waiting.notifications.count() == before[waiting.pk]

    assert run("close-repairs") == "Geen hersteltermijnen verstreken; niets gewijzigd.\n"


def test_several_are_counted_in_the_plural():
    call = make_call()
    for _ in range(2):
        flow.check_completeness(
            submitted_application(call), complete=False, note="Ontbreekt.", now=AFTER_DEADLINE
        )
    assert run("close-repairs").startswith("2 aanvragen afgewezen als onvolledig")


def test_the_action_is_required():
    with pytest.raises(CommandError):
        run()
