from decimal import Decimal

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from regiodeal.core.admin_utils import (
    PROGRAMME_RULES,
    LocalizedDecimalMixin,
    RolePermissionMixin,
    VersionedAdminForm,
    euro_column,
)
from regiodeal.core.aggregates import MoneySum, per_row
from regiodeal.core.money import format_euro, format_share
from regiodeal.finance.models import FunderInstalment
from regiodeal.finance.rules import rijk_share
from regiodeal.organisations.constants import OrganisationKind

from .models import FunderContribution, Pillar, Programme, Theme
from .scoping import ProgrammeScopedAdminMixin, programme_ids_of


def warn_if_rijk_pays_more_than_half(request, programme: Programme) -> None:
    """The Regio Deal rule that the Rijk pays at most half is a warning, not a refusal: the
    contributions are entered one by one, and the rule holds for the programme as a whole."""
    contributions = list(programme.contributions.select_related("organisation"))
    rijk = [
        c.amount for c in contributions if c.organisation.kind == OrganisationKind.RIJKSOVERHEID
    ]
    check = rijk_share(
        rijk=sum(rijk, Decimal(0)), total=sum((c.amount for c in contributions), Decimal(0))
    )
    if check.exceeded:
        messages.warning(
            request,
            _t(
                "The Rijk contributes %(rijk)s of %(total)s (%(share)s): more than half of the "
                "programme, which a Regio Deal does not allow."
            )
            % {
                "rijk": format_euro(check.rijk),
                "total": format_euro(check.total),
                "share": format_share(check.share),
            },
        )


class FunderInstalmentInline(RolePermissionMixin, LocalizedDecimalMixin, admin.TabularInline):
    """The funder's payment schedule: what it pays into the programme, when, and when received."""

    permission_rules = PROGRAMME_RULES
    model = FunderInstalment
    extra = 0
    fields = ["due_date", "amount", "received_on"]


class FunderContributionInline(RolePermissionMixin, LocalizedDecimalMixin, admin.TabularInline):
    permission_rules = PROGRAMME_RULES
    model = FunderContribution
    form = VersionedAdminForm
    extra = 0
    autocomplete_fields = ["organisation"]
    show_change_link = True  # the funder's payment schedule is kept on the contribution's page


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
class ProgrammeAdmin(ProgrammeScopedAdminMixin, RolePermissionMixin, SimpleHistoryAdmin):
    permission_rules = PROGRAMME_RULES
    programme_path = "pk"
    form = VersionedAdminForm
    list_display = ["name", "start_date", "end_date", "total"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [FunderContributionInline, PillarInline, ThemeInline]

    def has_add_permission(self, request, obj=None) -> bool:
        # A new programme is the national office's: an account of some programmes would not
        # see the programme it made.
        return programme_ids_of(request.user) is None and super().has_add_permission(request)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Programme]:
        # Programme.total_budget summed in the list's own query, not one more per programme.
        contributions = per_row(FunderContribution.objects, "programme", MoneySum("amount"))
        return super().get_queryset(request).annotate(contributed=contributions)

    @admin.display(description=_("total budget"), ordering="contributed")
    def total(self, programme: Programme) -> str:
        return format_euro(programme.contributed or Decimal("0.00"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        programme = self.get_object(request, object_id)
        if programme is not None and request.method == "GET":
            warn_if_rijk_pays_more_than_half(request, programme)
        return super().change_view(request, object_id, form_url, extra_context)

    # After a save the warning goes with the redirect; "save and continue" shows the page again.
    def response_change(self, request, obj):
        if "_continue" not in request.POST:
            warn_if_rijk_pays_more_than_half(request, obj)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if "_continue" not in request.POST:
            warn_if_rijk_pays_more_than_half(request, obj)
        return super().response_add(request, obj, post_url_continue)


@admin.register(Pillar)
class PillarAdmin(
    ProgrammeScopedAdminMixin, RolePermissionMixin, LocalizedDecimalMixin, SimpleHistoryAdmin
):
    permission_rules = PROGRAMME_RULES
    programme_path = "programme"
    form = VersionedAdminForm
    list_display = ["name", "programme", "budget_display", "budget_note"]
    list_filter = ["programme"]
    search_fields = ["name"]
    budget_display = euro_column("budget", _("budget"))


@admin.register(FunderContribution)
class FunderContributionAdmin(
    ProgrammeScopedAdminMixin, RolePermissionMixin, LocalizedDecimalMixin, SimpleHistoryAdmin
):
    permission_rules = PROGRAMME_RULES
    programme_path = "programme"
    form = VersionedAdminForm
    list_display = ["organisation", "programme", "amount_display"]
    list_filter = ["programme"]
    search_fields = ["organisation__name"]
    autocomplete_fields = ["organisation"]
    inlines = [FunderInstalmentInline]
    amount_display = euro_column("amount", _("amount"))

    def response_change(self, request, obj):
        warn_if_rijk_pays_more_than_half(request, obj.programme)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        warn_if_rijk_pays_more_than_half(request, obj.programme)
        return super().response_add(request, obj, post_url_continue)


@admin.register(Theme)
class ThemeAdmin(ProgrammeScopedAdminMixin, RolePermissionMixin, SimpleHistoryAdmin):
    permission_rules = PROGRAMME_RULES
    programme_path = "programme"
    list_display = ["name", "programme"]
    list_filter = ["programme"]
    search_fields = ["name"]
