"""The applications' filter on programme lines names the lines of the account's programmes only."""

import pytest
from django.test import Client
from django.urls import reverse

from regiodeal.calls.admin import LineFilter
from regiodeal.calls.tests.factories import make_call
from regiodeal.programmes.tests.test_scoping import office_account, records

pytestmark = pytest.mark.django_db


def line_choices(client) -> list[str]:
    response = client.get(reverse("admin:calls_application_changelist"))
    (line_filter,) = [
        spec for spec in response.context["cl"].filter_specs if isinstance(spec, LineFilter)
    ]
    return [label for _value, label in line_filter.lookup_choices]


def test_the_line_filter_offers_the_own_programmes_lines():
    a, b = records("a"), records("b")
    own = make_call(programme=a["programme"], title="Oproep A")
    make_call(programme=b["programme"], title="Oproep B")
    member, national = Client(), Client()
    member.force_login(office_account("bureau-a", a["programme"]))
    national.force_login(office_account("landelijk"))

    assert line_choices(member) == [f"{line.name} ({own.title})" for line in own.lines.all()]
    assert {label.split(" (")[-1] for label in line_choices(national)} == {"Oproep A)", "Oproep B)"}
