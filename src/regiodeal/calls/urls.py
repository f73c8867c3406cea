"""Public pages of calls for proposals and the applicant's own pages."""

from django.urls import path

from . import views_account, views_applications, views_public

app_name = "calls"

urlpatterns = [
    path("openstellingen/", views_public.call_list, name="calls"),
    path("openstellingen/<slug:slug>/", views_public.call_detail, name="call"),
    path("openstellingen/<slug:slug>/idee/", views_public.register_idea, name="register_idea"),
    path("account/registreren/", views_account.register, name="register"),
    path("account/inloggen/", views_account.ApplicantLoginView.as_view(), name="login"),
    path("account/uitloggen/", views_account.ApplicantLogoutView.as_view(), name="logout"),
    path("mijn-aanvragen/", views_applications.my_applications, name="my_applications"),
    path(
        "mijn-aanvragen/<str:reference>/",
        views_applications.application_detail,
        name="application",
    ),
    path(
        "mijn-aanvragen/<str:reference>/bijlagen/",
        views_applications.attachment_add,
        name="attachment_add",
    ),
    path(
        "mijn-aanvragen/<str:reference>/bijlagen/<int:pk>/",
        views_applications.attachment_download,
        name="attachment",
    ),
    path(
        "mijn-aanvragen/<str:reference>/bijlagen/<int:pk>/verwijderen/",
        views_applications.attachment_remove,
        name="attachment_remove",
    ),
    path(
        "mijn-aanvragen/<str:reference>/intrekken/",
        views_applications.withdraw,
        name="withdraw",
    ),
]
