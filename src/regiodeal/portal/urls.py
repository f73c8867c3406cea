from django.urls import path

from . import views, views_programmes

app_name = "portal"

urlpatterns = [
    path("", views_programmes.home, name="home"),
    path("programmas/", views_programmes.programme_list, name="programmes"),
    path("programmas/<slug:slug>/", views_programmes.programme_detail, name="programme"),
    path("projecten/", views.project_list, name="projects"),
    path("zoeken/", views.search_page, name="search"),
    path("projecten/<slug:slug>/", views.project_detail, name="project"),
    path("besluitenlijsten/", views.besluitenlijst_archive, name="besluitenlijsten"),
    path("besluitenlijsten/<slug:slug>/", views.besluitenlijst_detail, name="besluitenlijst"),
    path(
        "besluitenlijsten/<slug:slug>/besluitenlijst.<str:fmt>",
        views.besluitenlijst_download,
        name="besluitenlijst_download",
    ),
]
