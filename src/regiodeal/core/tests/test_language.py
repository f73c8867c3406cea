"""The site is Dutch unless the visitor chose English; the choice is theirs alone."""

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

pytestmark = pytest.mark.django_db


def test_dutch_by_default_english_by_choice(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en").headers["Content-Language"] == "nl"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get("/").headers["Content-Language"] == "en"


def test_a_visitors_language_does_not_stay_behind_on_the_thread(client):
    translation.activate("nl")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.get("/")
    # Before the fix the thread stayed English, and every later message on it too.
    assert translation.get_language() == settings.LANGUAGE_CODE
    assert gettext("Programme") == "Programma"
