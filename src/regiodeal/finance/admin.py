"""The finance back office: grant decisions, settlements, attribution keys and the ledger.

Every change of money goes through ``services``: the admin collects input, shows what a service
refused as an error message, and never saves an issued record or a ledger entry itself. The
action pages (issue, pay, settle) answer a GET with a form or a confirmation and act on POST.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace

from django import forms
from django.contrib import admin, messages
from django.db.models import Max, Min
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from regiodeal.core.admin_utils import (
    AdminRules,
    LocalizedDecimalMixin,
    RolePermissionMixin,
    euro_column,
)
from regiodeal.core.errors import DomainError
from regiodeal.core.money import format_euro
from regiodeal.core.permissions import (
    Permission,
    may_edit_finance,
    may_issue_grants,
    may_view_finance,
)
from regiodeal.core.permissions import require as require_permission
from regiodeal.programmes.scoping import (
    ProgrammeScopedAdminMixin,
    limit_choices,
    per_programme_filter,
)

from . import ledger, services
from .constants import EntryKind, GrantState
from .forms import (
    AdvanceScheduleFormSet,
    AttributionKeyForm,
    GrantChangeForm,
    GrantCreateForm,
    PayAdvanceForm,
    PaymentDateForm,
    SettleForm,
)
from .letters import LETTER_FORMATS, render_grant_letter, render_settlement_letter
from .models import (
    AdvanceInstalment,
    AttributionKey,
    GrantDecision,
    LedgerAllocation,
    LedgerEntry,
    Settlement,
)
from .rules import ZERO

FINANCE_RULES = AdminRules.viewed_by(may_view_finance, edit=may_edit_finance)


def _written_by_services(user) -> Permission:
    return Permission(False, _t("The ledger is written by the grant and payment steps only."))


def _made_by_settling(user) -> Permission:
    return Permission(False, _t("A settlement is made with Settle on its grant decision."))


LEDGER_RULES = AdminRules.viewed_by(may_view_finance, edit=_written_by_services)
# The service checks a settlement's dates and computes its figures; a wrong draft is deleted
# and made again, never edited by hand.
SETTLEMENT_RULES = AdminRules(
    view=may_view_finance, add=_made_by_settling, change=_made_by_settling, delete=may_edit_finance
)


def year_filter(field: str) -> type[admin.SimpleListFilter]:
    """A list filter on the year of a date field, offering the years from the first to the
    last that occurs."""

    class YearFilter(admin.SimpleListFilter):
        title = _("year")
        parameter_name = "year"

        def lookups(self, request, model_admin):
            # The first and last date through the field's index, not the distinct years of
            # every row: a national ledger holds close to a million entries.
            span = model_admin.get_queryset(request).aggregate(first=Min(field), last=Max(field))
            if span["first"] is None:
                return []
            years = range(span["last"].year, span["first"].year - 1, -1)
            return [(str(year), str(year)) for year in years]

        def queryset(self, request, queryset):
            value = self.value() or ""
            return (
                queryset.filter(**{f"{field}__year": int(value)}) if value.isdigit() else queryset
            )

    return YearFilter


@dataclass(frozen=True)
class Action:
    """An action page of a grant decision or settlement: who may use it, what it asks and runs.

    ``title`` and ``done`` may name ``%(reference)s``; ``done`` also ``%(amount)s``, the amount
    of what the service returned (a ledger entry).
    """

    rule: Callable
    title: str
    button: str
    done: str
    run: Callable  # (obj, cleaned data, user) -> what the service returned
    form: Callable | None = None  # (obj, data or None, initial) -> a form
    explanation: str = ""


def _page(obj) -> str:
    return reverse(f"admin:finance_{obj._meta.model_name}_change", args=[obj.pk])


class FinanceAdmin(RolePermissionMixin):
    """Action pages and letter downloads shared by the grant and settlement admins."""

    permission_rules = FINANCE_RULES
    action_pages: dict[str, Action] = {}
    render_letter: Callable  # (obj, fmt) -> RenderedDocument, as a staticmethod

    def get_urls(self):
        wrap, name = self.admin_site.admin_view, f"finance_{self.opts.model_name}"
        pages = [
            path(
                f"<int:pk>/{slug.replace('_', '-')}/",
                wrap(self.action_view),
                {"slug": slug},
                name=f"{name}_{slug}",
            )
            for slug in self.action_pages
        ]
        letter = path("<int:pk>/letter/<str:fmt>/", wrap(self.letter_view), name=f"{name}_letter")
        return [*pages, letter, *super().get_urls()]

    def object_or_404(self, request: HttpRequest, pk: int):
        obj = self.get_object(request, str(pk))
        if obj is None:
            raise Http404(_t("This record does not exist (any more)."))
        return obj

    def action_view(self, request: HttpRequest, pk: int, slug: str) -> HttpResponse:
        return self.run_action(request, self.object_or_404(request, pk), self.action_pages[slug])

    def run_action(self, request: HttpRequest, obj, action: Action) -> HttpResponse:
        """GET: the form or confirmation. POST: run the service; a refusal changes nothing."""
        require_permission(action.rule(request.user))
        data = request.POST if request.method == "POST" else None
        # A link may preselect a choice (?instalment=…); a submitted form ignores it.
        form = action.form(obj, data, request.GET.dict()) if action.form else None
        names = {"reference": getattr(obj, "reference", "")}
        if request.method == "POST" and (form is None or form.is_valid()):
            try:
                result = action.run(obj, form.cleaned_data if form else {}, request.user)
            except DomainError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                names = {
                    "reference": getattr(result, "reference", names["reference"]),
                    "amount": format_euro(getattr(result, "amount", None)),
                }
                self.message_user(request, str(action.done) % names, messages.SUCCESS)
                shown = result if isinstance(result, GrantDecision | Settlement) else obj
                return HttpResponseRedirect(_page(shown))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "title": str(action.title) % names,
            "form": form,
            "explanation": action.explanation,
            "button": action.button,
            "media": self.media + (form.media if form else forms.Media()),
        }
        return TemplateResponse(request, "admin/finance/action.html", context)

    def letter_view(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        require_permission(may_view_finance(request.user))
        obj = self.object_or_404(request, pk)
        try:
            rendered = self.render_letter(obj, fmt)
        except ValueError as error:  # an unknown format
            raise Http404(str(error)) from error
        response = HttpResponse(rendered.content, content_type=rendered.content_type)
        response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None:
            extra_context = {
                **(extra_context or {}),
                "may_edit": may_edit_finance(request.user).allowed,
                "may_issue": may_issue_grants(request.user).allowed,
                "letter_formats": LETTER_FORMATS,
                **self.page_context(obj),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def page_context(self, obj) -> dict:
        return {}

    def get_actions(self, request):
        # Bulk deletion skips the model's refusal to delete an issued letter: one at a time only.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None) -> bool:
        issued = obj is not None and obj.is_issued
        return not issued and super().has_delete_permission(request, obj)


def ledger_rows(entries) -> list[LedgerEntry]:
    return list(entries.select_related("pillar").order_by("booked_on", "pk"))


class AdvanceInstalmentInline(RolePermissionMixin, LocalizedDecimalMixin, admin.TabularInline):
    permission_rules = FINANCE_RULES
    model = AdvanceInstalment
    formset = AdvanceScheduleFormSet
    fields = ["due_date", "percentage", "amount"]
    extra = 0

    # Only shown on drafts; the guards keep an issued schedule closed whatever the page does.
    def has_add_permission(self, request, obj=None) -> bool:
        return not (obj and obj.is_issued) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return not (obj and obj.is_issued) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not (obj and obj.is_issued) and super().has_delete_permission(request, obj)


GRANT_TOP = ["reference", "project", "decision"]
GRANT_FIGURES = ["recipient", "date", "eligible_costs", "subsidy_percentage", "maximum_amount"]
GRANT_TEXTS = ["conditions", "reporting_duties"]

GRANT_ACTIONS = {
    "issue": Action(
        rule=may_issue_grants,
        title=_("Issue grant decision %(reference)s"),
        button=_("Issue"),
        done=_("Grant decision %(reference)s issued."),
        run=lambda grant, data, user: services.issue_grant(grant, user=user),
        explanation=_(
            "Issuing makes the grant decision final: it can no longer be changed, and what the "
            "steering group decided beyond the granted amount is released."
        ),
    ),
    "pay_advance": Action(
        rule=may_edit_finance,
        title=_("Pay an advance of %(reference)s"),
        button=_("Record the payment"),
        done=_("Advance of %(amount)s recorded as paid."),
        form=lambda grant, data, initial: PayAdvanceForm(data, grant=grant, initial=initial),
        run=lambda grant, data, user: services.pay_advance(
            data["instalment"], paid_on=data["paid_on"], user=user
        ),
    ),
    "settle": Action(
        rule=may_edit_finance,
        title=_("Settle %(reference)s"),
        button=_("Prepare the draft settlement"),
        done=_("Draft settlement %(reference)s prepared."),
        form=lambda grant, data, initial: SettleForm(data, initial=initial),
        run=lambda grant, data, user: services.create_settlement(grant, **data, user=user),
        explanation=_(
            "The settled amount is the subsidy percentage of the actual eligible costs, at most "
            "the granted amount. The draft shows what is released, recovered or still to pay; "
            "it takes effect when it is sent."
        ),
    ),
}
CREATE_GRANT = Action(
    rule=may_edit_finance,
    title=_("Prepare a grant decision"),
    button=_("Prepare the draft"),
    done=_("Draft grant decision %(reference)s prepared; add its advance schedule."),
    form=lambda _none, data, initial: GrantCreateForm(data, initial=initial),
    run=lambda _none, data, user: services.create_grant(data.pop("decision"), **data, user=user),
)


@admin.register(GrantDecision)
class GrantDecisionAdmin(
    ProgrammeScopedAdminMixin, FinanceAdmin, LocalizedDecimalMixin, SimpleHistoryAdmin
):
    programme_path = "project__programme"
    form = GrantChangeForm
    list_display = ["reference", "project", "recipient", "granted_display", "state", "date"]
    list_filter = ["state", "project__programme", year_filter("date")]
    search_fields = ["reference", "project__title", "recipient__name"]
    list_select_related = ["project", "recipient"]
    autocomplete_fields = ["recipient"]
    inlines = [AdvanceInstalmentInline]
    readonly_fields = [*GRANT_TOP, "granted_display", "state", "issued_at", "issued_by",
                       "eligible_display", "maximum_display"]  # fmt: skip
    action_pages = GRANT_ACTIONS
    render_letter = staticmethod(render_grant_letter)
    granted_display = euro_column("granted_amount", _("granted amount"))
    eligible_display = euro_column("eligible_costs", _("eligible costs"))
    maximum_display = euro_column("maximum_amount", _("maximum amount"))

    def get_fields(self, request, obj=None):
        if obj is not None and self.has_change_permission(request, obj):
            figures = [*GRANT_FIGURES, "granted_display"]
            return [*GRANT_TOP, *figures, *GRANT_TEXTS, "state", "loaded_version"]
        money = {"eligible_costs": "eligible_display", "maximum_amount": "maximum_display"}
        figures = [money.get(name, name) for name in GRANT_FIGURES] + ["granted_display"]
        return [*GRANT_TOP, *figures, *GRANT_TEXTS, "state", "issued_at", "issued_by"]

    def get_inlines(self, request, obj):
        return [] if obj is not None and obj.is_issued else self.inlines

    def view_on_site(self, grant: GrantDecision) -> str | None:
        # Only an issued letter is public, and only where the site serves it.
        try:
            return grant.get_absolute_url() if grant.is_issued else None
        except NoReverseMatch:
            return None

    def has_change_permission(self, request, obj=None) -> bool:
        # The model refuses to change an issued grant decision; the admin does not offer it.
        issued = obj is not None and obj.is_issued
        return not issued and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change) -> None:
        services.refresh_granted_amount(obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        services.check_schedule(form.instance)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as error:  # raised inside the admin's transaction: nothing was saved
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def add_view(self, request, form_url="", extra_context=None):
        # A grant decision starts from a published decision, through the service; only the
        # decisions of the user's programmes are offered.
        make = CREATE_GRANT.form
        action = replace(
            CREATE_GRANT,
            form=lambda none, data, initial: limit_choices(make(none, data, initial), request.user),
        )
        return self.run_action(request, None, action)

    def page_context(self, grant: GrantDecision) -> dict:
        settlement = Settlement.objects.filter(grant=grant).first()
        settled = settlement.settled_amount if settlement and settlement.is_issued else None
        paid = ledger.paid(grant.decision)
        payable = settled if settled is not None else grant.granted_amount
        schedule = [
            (instalment, amount, getattr(instalment, "payment", None))
            for instalment, amount in services.scheduled_advances(grant)
        ]
        return {
            "figures": [
                (_("granted"), grant.granted_amount),
                (_("paid"), paid),
                (_("outstanding (still to pay)"), max(payable - paid, ZERO)),
                (_("settled"), settled),
                (_("still committed for the decision"), ledger.outstanding(grant.decision)),
            ],
            "schedule": schedule,
            "entries": ledger_rows(LedgerEntry.objects.filter(decision=grant.decision)),
            "settlement": settlement,
            "may_pay": grant.state == GrantState.VERLEEND and settled is None,
        }


SETTLEMENT_ACTIONS = {
    "issue": Action(
        rule=may_issue_grants,
        title=_("Send settlement %(reference)s"),
        button=_("Send the settlement"),
        done=_("Settlement %(reference)s issued."),
        run=lambda settlement, data, user: services.issue_settlement(settlement, user=user),
        explanation=_(
            "Sending makes the settlement final and books the settled amount, the release and "
            "any recovery in the ledger."
        ),
    ),
    "pay_balance": Action(
        rule=may_edit_finance,
        title=_("Pay the balance of %(reference)s"),
        button=_("Record the payment"),
        done=_("Final payment of %(amount)s recorded."),
        form=lambda settlement, data, initial: PaymentDateForm(data, initial=initial),
        run=lambda settlement, data, user: services.pay_balance(
            settlement, paid_on=data["paid_on"], user=user
        ),
    ),
}


@admin.register(Settlement)
class SettlementAdmin(ProgrammeScopedAdminMixin, FinanceAdmin, SimpleHistoryAdmin):
    permission_rules = SETTLEMENT_RULES
    programme_path = "grant__project__programme"
    list_display = ["reference", "grant", "settled_display", "released_display",
                    "recovery_display", "balance_display", "state", "date"]  # fmt: skip
    list_filter = ["state", "grant__project__programme", year_filter("date")]
    search_fields = ["reference", "grant__reference", "grant__project__title"]
    list_select_related = ["grant__project"]
    fields = ["reference", "grant", "date", "actual_costs_display", "settled_display",
              "released_display", "paid_display", "recovery_display", "balance_display", "note",
              "state", "issued_at", "issued_by"]  # fmt: skip
    readonly_fields = fields
    action_pages = SETTLEMENT_ACTIONS
    render_letter = staticmethod(render_settlement_letter)
    actual_costs_display = euro_column("actual_costs", _("actual eligible costs"))
    settled_display = euro_column("settled_amount", _("settled amount"))
    released_display = euro_column("released_amount", _("released amount"))
    paid_display = euro_column("paid_before", _("advances paid"))
    recovery_display = euro_column("recovery_amount", _("amount to recover"))
    balance_display = euro_column("balance_due", _("balance still to pay"))

    def page_context(self, settlement: Settlement) -> dict:
        paid = settlement.ledger.filter(kind=EntryKind.FINAL_PAYMENT).exists()
        return {
            "entries": ledger_rows(settlement.ledger.all()),
            "may_pay_balance": settlement.is_issued and settlement.balance_due > 0 and not paid,
        }


class ScopeFilter(admin.SimpleListFilter):
    title = _("applies to")
    parameter_name = "scope"

    def lookups(self, request, model_admin):
        return [("programme", _("the whole programme")), ("decision", _("one decision"))]

    def queryset(self, request, queryset):
        if self.value() in ("programme", "decision"):
            return queryset.filter(decision__isnull=self.value() == "programme")
        return queryset


@admin.register(AttributionKey)
class AttributionKeyAdmin(
    ProgrammeScopedAdminMixin, RolePermissionMixin, LocalizedDecimalMixin, SimpleHistoryAdmin
):
    permission_rules = FINANCE_RULES
    programme_path = "programme"
    form = AttributionKeyForm
    list_display = ["organisation", "weight", "programme", "applies_to"]
    list_filter = ["programme", ScopeFilter]
    search_fields = ["organisation__name", "decision__title", "decision__project__title"]
    list_select_related = ["organisation", "programme", "decision__project"]
    autocomplete_fields = ["organisation", "decision"]
    fields = ["programme", "decision", "organisation", "weight"]

    @admin.display(description=_("applies to"), ordering="decision")
    def applies_to(self, key: AttributionKey) -> str:
        return key.decision.heading if key.decision_id else _t("the whole programme")


class LedgerAllocationInline(RolePermissionMixin, admin.TabularInline):
    permission_rules = LEDGER_RULES
    model = LedgerAllocation
    fields = readonly_fields = ["organisation", "amount_display"]
    extra = 0
    amount_display = euro_column("amount", _("amount"))


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ProgrammeScopedAdminMixin, RolePermissionMixin, admin.ModelAdmin):
    """Read-only for everyone: entries are written by the services and never changed."""

    permission_rules = LEDGER_RULES
    programme_path = "programme"
    list_display = ["booked_on", "kind", "project", "amount_display", "pillar", "grant",
                    "settlement", "description"]  # fmt: skip
    list_filter = [
        "programme",
        "kind",
        ("pillar", per_programme_filter("programme__id__exact")),
        year_filter("booked_on"),
    ]
    search_fields = ["project__title", "grant__reference", "settlement__reference"]
    list_select_related = ["project", "pillar", "grant__project", "settlement__grant__project"]
    fields = ["booked_on", "kind", "amount_display", "description", "programme", "pillar",
              "project", "decision", "source_decision", "grant", "settlement", "instalment",
              "created_at", "created_by"]  # fmt: skip
    readonly_fields = fields
    inlines = [LedgerAllocationInline]
    amount_display = euro_column("amount", _("amount"))

    def changelist_view(self, request, extra_context=None):
        try:
            overview = reverse("finance:overview")
        except NoReverseMatch:  # the public overview is not part of every installation yet
            overview = None
        extra_context = {**(extra_context or {}), "public_overview_url": overview}
        return super().changelist_view(request, extra_context)
