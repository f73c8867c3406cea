"""Organisation and municipality pages, the map, feeds and the DiWoo sitemap."""

from django.urls import path

from . import places
from .feeds import BesluitenlijstFeed
from .sitemaps import sitemap

app_name = "places"

urlpatterns = [
    path("organisaties/<slug:slug>/", places.organisation_detail, name="organisation"),
    path("gemeenten/<slug:slug>/", places.municipality_detail, name="municipality"),
    path("kaart/", places.money_map, name="map"),
    path("besluitenlijsten/feed.atom", BesluitenlijstFeed(), name="besluitenlijst-feed"),
    path("sitemap.xml", sitemap, name="sitemap"),
]
