from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from regiodeal.core.admin_utils import PROJECT_RULES, RolePermissionMixin
from regiodeal.core.permissions import may_edit_programme

from .models import Project


@admin.register(Project)
class ProjectAdmin(RolePermissionMixin, SimpleHistoryAdmin):
    # Portfolio holders may add (nominate) projects; only the office changes them afterwards.
    permission_rules = PROJECT_RULES
    list_display = ["title", "programme", "pillar", "status", "lead_organisation"]
    list_filter = ["programme", "pillar", "status", "themes", "places"]
    search_fields = ["title", "summary", "description", "lead_organisation__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["lead_organisation", "partners", "places", "parent"]
    filter_horizontal = ["themes"]
    date_hierarchy = "created_at"

    def get_readonly_fields(self, request, obj=None):
        # A nomination cannot set its own status; the office moves a project through them.
        readonly = list(super().get_readonly_fields(request, obj))
        if not may_edit_programme(request.user):
            readonly.append("status")
        return readonly
