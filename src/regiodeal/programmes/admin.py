from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from regiodeal.core.admin_utils import (
    PROGRAMME_RULES,
    LocalizedDecimalMixin,
    RolePermissionMixin,
    VersionedAdminForm,
    euro_column,
)
from regiodeal.core.money import format_euro

from .models import FunderContribution, Pillar, Programme, Theme


class FunderContributionInline(RolePermissionMixin, LocalizedDecimalMixin, admin.TabularInline):
    permission_rules = PROGRAMME_RULES
    model = FunderContribution
    form = VersionedAdminForm
    extra = 0
    autocomplete_fields = ["organisation"]


class PillarInline(RolePermissionMixin, LocalizedDecimalMixin, admin.TabularInline):
    permission_rules = PROGRAMME_RULES
    model = Pillar
    form = VersionedAdminForm
    extra = 0
    fields = ["position", "name", "slug", "budget", "budget_note", "loaded_version"]
    prepopulated_fields = {"slug": ["name"]}


class ThemeInline(RolePermissionMixin, admin.TabularInline):
    permission_rules = PROGRAMME_RULES
    model = Theme
    extra = 0
    fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Programme)
class ProgrammeAdmin(RolePermissionMixin, SimpleHistoryAdmin):
    permission_rules = PROGRAMME_RULES
    form = VersionedAdminForm
    list_display = ["name", "start_date", "end_date", "total"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [FunderContributionInline, PillarInline, ThemeInline]

    @admin.display(description=_("total budget"))
    def total(self, programme: Programme) -> str:
        return format_euro(programme.total_budget)


@admin.register(Pillar)
class PillarAdmin(RolePermissionMixin, LocalizedDecimalMixin, SimpleHistoryAdmin):
    permission_rules = PROGRAMME_RULES
    form = VersionedAdminForm
    list_display = ["name", "programme", "budget_display", "budget_note"]
    list_filter = ["programme"]
    search_fields = ["name"]
    budget_display = euro_column("budget", _("budget"))


@admin.register(FunderContribution)
class FunderContributionAdmin(RolePermissionMixin, LocalizedDecimalMixin, SimpleHistoryAdmin):
    permission_rules = PROGRAMME_RULES
    form = VersionedAdminForm
    list_display = ["organisation", "programme", "amount_display"]
    list_filter = ["programme"]
    search_fields = ["organisation__name"]
    autocomplete_fields = ["organisation"]
    amount_display = euro_column("amount", _("amount"))


@admin.register(Theme)
class ThemeAdmin(RolePermissionMixin, SimpleHistoryAdmin):
    permission_rules = PROGRAMME_RULES
    list_display = ["name", "programme"]
    list_filter = ["programme"]
    search_fields = ["name"]
