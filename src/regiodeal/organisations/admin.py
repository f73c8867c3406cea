from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Municipality, Organisation, Province


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "province"]
    list_filter = ["province"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "cbs_code", "kvk_number"]
    list_filter = ["kind"]
    search_fields = ["name", "cbs_code", "kvk_number"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["municipality"]
