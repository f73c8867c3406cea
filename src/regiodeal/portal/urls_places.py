"""Organisation and municipality pages, the map, feeds and the DiWoo sitemap."""

from django.urls import path

from . import places
from .caching import cached_public_page
from .feeds import BesluitenlijstFeed
from .sitemaps import sitemap

app_name = "places"

urlpatterns = [
    path(
        "organisaties/<slug:slug>/",
        cached_public_page(places.organisation_detail),
        name="organisation",
    ),
    path(
        "gemeenten/<slug:slug>/",
        cached_public_page(places.municipality_detail),
        name="municipality",
    ),
    path("kaart/", cached_public_page(places.money_map), name="map"),
    path(
        "besluitenlijsten/feed.atom",
        cached_public_page(BesluitenlijstFeed()),
        name="besluitenlijst-feed",
    ),
    path("sitemap.xml", cached_public_page(sitemap), name="sitemap"),
]
