from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from regiodeal.core.admin_utils import PROGRAMME_RULES, RolePermissionMixin

from .models import Municipality, Organisation, Province


@admin.register(Province)
class ProvinceAdmin(RolePermissionMixin, admin.ModelAdmin):
    permission_rules = PROGRAMME_RULES
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(Municipality)
class MunicipalityAdmin(RolePermissionMixin, admin.ModelAdmin):
    permission_rules = PROGRAMME_RULES
    list_display = ["name", "code", "province"]
    list_select_related = ["province"]
    list_filter = ["province"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(RolePermissionMixin, SimpleHistoryAdmin):
    permission_rules = PROGRAMME_RULES
    list_display = ["name", "kind", "cbs_code", "kvk_number"]
    list_filter = ["kind"]
    search_fields = ["name", "cbs_code", "kvk_number"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["municipality"]
