from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("regiodeal – programme office")
admin.site.site_title = _("regiodeal programme office")
admin.site.index_title = _("Programme, projects and decisions")

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
    path("", include("regiodeal.portal.urls")),
    path("", include("regiodeal.portal.urls_places")),
    path("open-data/", include("regiodeal.publishing.opendata.urls")),
    path("api/v1/", include("regiodeal.api.urls")),
    path("", include("regiodeal.finance.urls")),
    path("", include("regiodeal.calls.urls")),
    path("", include("regiodeal.monitoring.urls")),
    path("beoordelen/", include("regiodeal.calls.urls_review")),
]
