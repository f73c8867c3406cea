from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from regiodeal.core.admin_utils import (
    PROGRAMME_RULES,
    PROJECT_RULES,
    LocalizedDecimalMixin,
    RolePermissionMixin,
)
from regiodeal.core.permissions import may_edit_programme
from regiodeal.finance.models import PlaceShare
from regiodeal.monitoring.admin import PROJECT_INLINES
from regiodeal.programmes.scoping import ProgrammeScopedAdminMixin, per_programme_filter

from .models import Project


class PlaceShareInline(RolePermissionMixin, LocalizedDecimalMixin, admin.TabularInline):
    """How the project's money is split over its places; without shares, equally."""

    # The office's, like the project's status: a nomination does not set its own split.
    permission_rules = PROGRAMME_RULES
    model = PlaceShare
    extra = 0
    fields = ["municipality", "weight"]
    autocomplete_fields = ["municipality"]


@admin.register(Project)
class ProjectAdmin(ProgrammeScopedAdminMixin, RolePermissionMixin, SimpleHistoryAdmin):
    # Portfolio holders may add (nominate) projects; only the office changes them afterwards.
    permission_rules = PROJECT_RULES
    programme_path = "programme"
    # A project may continue one of an earlier programme.
    unscoped_fields = ("parent",)
    list_display = ["title", "programme", "pillar", "status", "lead_organisation"]
    # Named: Django's own select_related() leaves out the relations that may be empty.
    list_select_related = ["programme", "pillar", "lead_organisation"]
    list_filter = [
        "programme",
        ("pillar", per_programme_filter("programme__id__exact")),
        "status",
        ("themes", per_programme_filter("programme__id__exact")),
        "places",
    ]
    search_fields = ["title", "summary", "description", "lead_organisation__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["lead_organisation", "partners", "places", "parent"]
    filter_horizontal = ["themes"]
    date_hierarchy = "created_at"
    inlines = [PlaceShareInline, *PROJECT_INLINES]

    def get_inlines(self, request, obj):
        # A share names one of the project's places, which exist once the project is saved.
        return self.inlines if obj is not None else []

    def get_readonly_fields(self, request, obj=None):
        # A nomination cannot set its own status; the office moves a project through them.
        readonly = list(super().get_readonly_fields(request, obj))
        if not may_edit_programme(request.user):
            readonly.append("status")
        return readonly
