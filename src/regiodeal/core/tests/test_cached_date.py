"""cached_date formats as Django's date filter, in the active language, remembered or not."""

import datetime
import zoneinfo

from django.template.defaultfilters import date as django_date
from django.utils import translation

from regiodeal.core.templatetags.dates import cached_date


def test_it_formats_as_the_date_filter_in_each_language():
    day = datetime.date(2021, 12, 14)
    with translation.override("nl"):
        assert cached_date(day) == "14 december 2021" == django_date(day, "j F Y")
        assert cached_date(day, "j M Y") == django_date(day, "j M Y")
    with translation.override("en"):
        # Remembered per language: the Dutch result is not given again.
        assert cached_date(day) == "14 December 2021"


def test_datetimes_and_empty_values_go_to_the_date_filter():
    moment = datetime.datetime(2021, 12, 14, 23, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))
    with translation.override("nl"):
        assert cached_date(moment, "j F Y H:i") == django_date(moment, "j F Y H:i")
    assert cached_date(None) == django_date(None, "j F Y") == ""
    assert cached_date("") == ""
