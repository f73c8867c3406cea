from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

admin.site.site_header = _("regiodeal – programme office")
admin.site.site_title = _("regiodeal programme office")
admin.site.index_title = _("Programme, projects and decisions")

urlpatterns = [
    # Without a CSRF token: choosing a language changes nothing but the display language, and
    # a token would make every public page personal and so uncachable.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
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
