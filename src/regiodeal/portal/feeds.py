"""An Atom feed of the published besluitenlijsten, so the press and councils can follow them."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from regiodeal.decisions.models import DecisionList
from regiodeal.decisions.selectors import published_besluitenlijsten

FEED_SIZE = 50


class BesluitenlijstFeed(Feed):
    feed_type = Atom1Feed

    def title(self) -> str:
        return _("Besluitenlijsten of %(site)s") % {"site": settings.REGIODEAL_SITE_NAME}

    def subtitle(self) -> str:
        return _("The decision lists of the steering group, as they are published.")

    def link(self) -> str:
        return reverse("portal:besluitenlijsten")

    def feed_url(self) -> str:
        return reverse("places:besluitenlijst-feed")

    def items(self):
        return published_besluitenlijsten()[:FEED_SIZE]

    def item_title(self, item: DecisionList) -> str:
        return item.title

    def item_description(self, item: DecisionList) -> str:
        return item.introduction or _("Decisions of the meeting of %(date)s of %(programme)s.") % {
            "date": item.meeting.date.isoformat(),
            "programme": item.meeting.programme.name,
        }

    def item_link(self, item: DecisionList) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: DecisionList) -> datetime.datetime:
        return item.published_at

    def item_updateddate(self, item: DecisionList) -> datetime.datetime:
        # A published list is never changed: its publication is its last update.
        return item.published_at

    def item_author_name(self, item: DecisionList) -> str:
        return item.meeting.programme.name
