"""Monitoring pages: the public portfolio and learning pages, and project leads' own pages."""

from django.urls import path

from . import views, views_reporting

app_name = "monitoring"

urlpatterns: list = [
    path("portfolio/", views.portfolio_page, name="portfolio"),
    path("leren/", views.learning_page, name="learning"),
    path("leren/lessen/", views.lessons_page, name="lessons"),
    path(
        "uitvoeringsprogramma/<slug:programme>/<int:year>/",
        views.uitvoeringsprogramma_page,
        name="uitvoeringsprogramma",
    ),
    path(
        "uitvoeringsprogramma/<slug:programme>/<int:year>/uitvoeringsprogramma.<str:fmt>",
        views.uitvoeringsprogramma_download,
        name="uitvoeringsprogramma_download",
    ),
    path("mijn-projecten/", views_reporting.my_projects, name="my_projects"),
    path("mijn-projecten/<slug:slug>/", views_reporting.my_project, name="my_project"),
    path(
        "mijn-projecten/<slug:slug>/rapportages/<int:pk>/",
        views_reporting.my_report,
        name="my_report",
    ),
]
