"""The reviewer's pages: assigned applications, conflicts of interest, scores."""

from django.urls import path

from . import views_review

app_name = "review"

urlpatterns = [
    path("", views_review.assignment_list, name="assignments"),
    path("<str:reference>/", views_review.assignment_detail, name="application"),
    path(
        "<str:reference>/bijlagen/<int:pk>/",
        views_review.attachment,
        name="attachment",
    ),
]
