from django.urls import path

from . import views

app_name = "finance"

urlpatterns = [
    path("financien/", views.overview, name="overview"),
    path("financien/financien.<str:fmt>", views.export, name="export"),
    path("beschikkingen/<str:reference>.<str:fmt>", views.grant_letter, name="grant-letter"),
    path(
        "vaststellingen/<str:reference>.<str:fmt>",
        views.settlement_letter,
        name="settlement-letter",
    ),
]
