"""Open data downloads at /open-data/."""

from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("360giving.json", views.threesixty_giving, name="360giving"),
    path("<slug:dataset>.<str:fmt>", views.download, name="download"),
]
