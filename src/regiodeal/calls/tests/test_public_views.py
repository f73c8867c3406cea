"""The public site up to the application: calls, accounts, "Mijn aanvragen", registering an
idea; through the test client, with the refusals that must change nothing. The application's
own page is tested in ``test_application_page``.

Messages are compared in the site's language through the catalogue (``said``), so the tests
hold before and after the Dutch translations of new strings are filled in; Django's own
messages are already Dutch and are asserted as such.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import MinimumLengthValidator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext

from regiodeal.calls import applications as flow
from regiodeal.calls.constants import ApplicationState as S
from regiodeal.calls.models import Application, Notification
from regiodeal.calls.tests.factories import UserFactory, make_call
from regiodeal.core.roles import Role, group_of
from regiodeal.organisations.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def nl(message: str, **params) -> str:
    with translation.override("nl"):
        text = gettext(message)
    return text % params if params else text


def said(response, message: str, **params) -> bool:
    return escape(nl(message, **params)) in response.content.decode()


def moment(value: datetime.datetime) -> str:
    with translation.override("nl"):
        return date_format(timezone.localtime(value), "j F Y, H:i")


def open_call(**kwargs):
    now = timezone.now()
    return make_call(
        opens_at=now - 10 * DAY,
        registration_deadline=now + 10 * DAY,
        application_deadline=now + 20 * DAY,
        decision_date=(now + 60 * DAY).date(),
        **kwargs,
    )


def draft(call, owner=None, *, pre_checked: bool = True) -> Application:
    application = flow.register_idea(
        call, applicant=owner or UserFactory(), title="Samen sterk in de wijk", idea="Buurthuis."
    )
    if pre_checked:
        flow.give_pre_check(application, advice="Kansrijk; let op de begroting.", positive=True)
        application.refresh_from_db()
    return application


def form_data(application: Application, **overrides) -> dict:
    emmen = MunicipalityFactory(code="GM0114", name="Emmen")
    data = {
        "loaded_version": application.version,
        "line": application.call.lines.get(name="Zorg & welzijn").pk,
        "summary": "Een buurthuis voor iedereen.",
        "description": "Aanpak in drie fasen.",
        "lead_organisation": "",
        "new_lead_name": "Stichting Buurtkracht",
        "new_lead_kvk": "12345678",
        "new_partners": "Dorpsbelang Emmen\nSportclub Zuid, 87654321",
        "places": [emmen.pk],
        "eligible_costs": "1.234.567,89",
        "co_financing": "600.000",
        "requested_amount": "€ 480.000,00",
        "action": "save",
    }
    return data | overrides


def unchanged(application: Application) -> tuple:
    fresh = Application.objects.get(pk=application.pk)
    return (
        fresh.state,
        fresh.version,
        fresh.summary,
        fresh.eligible_costs,
        fresh.requested_amount,
        fresh.lead_organisation_id,
        fresh.submitted_at,
        sorted(fresh.places.values_list("pk", flat=True)),
    )


# --- Calls -------------------------------------------------------------------------------
def test_the_list_shows_open_upcoming_and_closed_calls_with_bounded_queries(client):
    now = timezone.now()
    current = open_call(title="Tweede ronde")
    make_call(
        title="Derde ronde",
        opens_at=now + 30 * DAY,
        registration_deadline=now + 40 * DAY,
        application_deadline=now + 50 * DAY,
    )
    make_call(title="Eerste ronde")  # the 2025 dates of the factories: closed
    make_call(title="Geheim", is_published=False)
    response = client.get(reverse("calls:calls"))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Tweede ronde") < page.index("Derde ronde") < page.index("Eerste ronde")
    assert "Geheim" not in page
    assert "€\xa0150.000" in page  # the lines' budgets together, the Dutch way
    assert moment(current.application_deadline) in page

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("calls:calls"))
    for _ in range(5):
        open_call()
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("calls:calls"))
    assert len(many) == len(few) <= 2


def test_the_call_page_shows_lines_criteria_deadlines_and_the_way_in(client):
    call = open_call(eligibility="Alleen projecten in de zes gemeenten.")
    response = client.get(call.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Alleen projecten in de zes gemeenten." in page
    assert "Zorg &amp; welzijn" in page and "€\xa0100.000" in page and "€\xa060.000" in page
    assert "50%" in page  # the line's percentage of the eligible costs
    assert "Bijdrage aan brede welvaart" in page and "66,7%" in page  # weight 2 of 3
    assert moment(call.registration_deadline) in page
    assert moment(call.application_deadline) in page
    idea_url = reverse("calls:register_idea", args=[call.slug])
    # Anonymous: to the public login page, back to the idea form after it.
    assert f"{reverse('calls:login')}?next={idea_url}" in page

    client.force_login(UserFactory())
    assert f'href="{idea_url}"' in client.get(call.get_absolute_url()).content.decode()


def test_an_unpublished_call_is_not_found(client):
    call = open_call(is_published=False)
    assert client.get(call.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(reverse("calls:register_idea", args=[call.slug])).status_code == 404


def test_a_closed_call_says_so_and_offers_no_registration(client):
    call = make_call(decision_date=datetime.date(2025, 12, 10))
    client.force_login(UserFactory())
    response = client.get(call.get_absolute_url())
    assert said(
        response, "This call closed on %(closed)s.", closed=moment(call.application_deadline)
    )
    assert reverse("calls:register_idea", args=[call.slug]) not in response.content.decode()


# --- Accounts ----------------------------------------------------------------------------
def registration(**overrides) -> dict:
    return {
        "name": "Jan Jansen",
        "email": "Jan@Example.org",
        "password1": "paarse-olifant-42",
        "password2": "paarse-olifant-42",
    } | overrides


def test_registering_creates_an_applicant_who_is_logged_in(client):
    response = client.post(reverse("calls:register"), registration())
    assert response.status_code == 302
    assert response["Location"] == reverse("calls:my_applications")
    user = get_user_model().objects.get(username="jan@example.org")
    assert user.email == "jan@example.org" and user.first_name == "Jan Jansen"
    assert not user.is_staff
    assert list(user.groups.all()) == [group_of(Role.AANVRAGER)]
    assert client.get(reverse("calls:my_applications")).status_code == 200


def test_registration_refuses_weak_or_unequal_passwords_and_a_taken_address(client):
    users = get_user_model().objects
    response = client.post(
        reverse("calls:register"), registration(password1="kort", password2="kort")
    )
    with translation.override("nl"):
        too_short = MinimumLengthValidator().get_error_message()
    assert escape(too_short) in response.content.decode()
    response = client.post(reverse("calls:register"), registration(password2="iets-anders-99"))
    assert said(response, "The two passwords are not the same.")
    assert not users.filter(username="jan@example.org").exists()

    UserFactory(username="jan@example.org", email="jan@example.org")
    response = client.post(reverse("calls:register"), registration())
    assert said(
        response, "There is already an account with this e-mail address; log in with it instead."
    )
    assert users.filter(email__iexact="jan@example.org").count() == 1


def test_registration_follows_a_safe_next_only(client):
    call = open_call()
    idea_url = reverse("calls:register_idea", args=[call.slug])
    response = client.post(reverse("calls:register"), registration(next=idea_url))
    assert response["Location"] == idea_url
    client.logout()
    response = client.post(
        reverse("calls:register"),
        registration(email="piet@example.org", next="https://elders.example.com/"),
    )
    assert response["Location"] == reverse("calls:my_applications")


def test_login_with_the_address_in_any_case_leads_to_my_applications(client):
    user = UserFactory(username="jan@example.org", email="jan@example.org")
    user.set_password("paarse-olifant-42")
    user.save()
    url = reverse("calls:login")
    wrong = client.post(url, {"username": "jan@example.org", "password": "fout"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    response = client.post(url, {"username": "JAN@example.org", "password": "paarse-olifant-42"})
    assert response["Location"] == reverse("calls:my_applications")
    assert client.get(url)["Location"] == reverse("calls:my_applications")  # already logged in

    assert client.get(reverse("calls:logout")).status_code == 405
    response = client.post(reverse("calls:logout"))
    assert response["Location"] == reverse("calls:calls")
    assert "_auth_user_id" not in client.session


# --- My applications ---------------------------------------------------------------------
def test_my_applications_needs_the_public_login(client):
    response = client.get(reverse("calls:my_applications"))
    assert response["Location"] == f"{reverse('calls:login')}?next=/mijn-aanvragen/"


def test_my_applications_lists_only_my_own_with_the_next_step_and_bounded_queries(client):
    call = open_call()
    me = UserFactory()
    mine = draft(call, me)
    idea = draft(call, me, pre_checked=False)
    other = draft(call)
    client.force_login(me)
    response = client.get(reverse("calls:my_applications"))
    page = response.content.decode()
    assert mine.reference in page and idea.reference in page and other.reference not in page
    assert said(response, "Write your application and submit it.")
    assert moment(call.application_deadline) in page
    assert said(response, "The programme office pre-checks your idea and sends its advice.")

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("calls:my_applications"))
    for _ in range(4):
        draft(call, me)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("calls:my_applications"))
    assert len(many) == len(few)


# --- Registering an idea -----------------------------------------------------------------
def test_registering_an_idea_with_a_preferred_line(client):
    call = open_call()
    me = UserFactory()
    url = reverse("calls:register_idea", args=[call.slug])
    assert client.get(url)["Location"].startswith(reverse("calls:login"))
    client.force_login(me)
    line = call.lines.get(name="Regio aan de grens")
    response = client.post(
        url, {"title": "Grensloos fietsen", "idea": "Een fietsroute.", "line": line.pk}
    )
    application = Application.objects.get(applicant=me)
    assert response["Location"] == application.get_absolute_url()
    assert application.state == S.AANGEMELD and application.line == line
    assert Notification.objects.filter(application=application, recipient=me).exists()


def test_an_idea_is_refused_after_the_registration_deadline_and_nothing_is_stored(client):
    now = timezone.now()
    call = open_call()
    call.registration_deadline = now - DAY
    call.save()
    client.force_login(UserFactory())
    url = reverse("calls:register_idea", args=[call.slug])
    response = client.post(url, {"title": "Te laat", "idea": "Helaas."})
    assert said(
        response,
        "Registration for this call closed on %(moment)s.",
        moment=flow._moment(call.registration_deadline),
    )
    assert not Application.objects.exists()


def test_an_idea_needs_a_title_and_a_line_of_this_call(client):
    call, other = open_call(), open_call()
    client.force_login(UserFactory())
    url = reverse("calls:register_idea", args=[call.slug])
    response = client.post(url, {"title": "", "idea": "Iets.", "line": other.lines.first().pk})
    page = response.content.decode()
    assert "Dit veld is verplicht." in page and "Selecteer een geldige keuze." in page
    assert not Application.objects.exists()
