from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Project


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["title", "programme", "pillar", "status", "lead_organisation"]
    list_filter = ["programme", "pillar", "status", "themes", "places"]
    search_fields = ["title", "summary", "description", "lead_organisation__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["lead_organisation", "partners", "places", "parent"]
    filter_horizontal = ["themes"]
    date_hierarchy = "created_at"
