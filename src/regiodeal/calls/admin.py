"""The calls back office: calls with their lines and criteria, and applications.

An application is the applicant's: the office reads it and takes its steps (pre-check,
completeness, not eligible, reviewers) on the pages of ``admin_views``, through the services,
never by editing the record. The ranking and allocation of a call has its own page.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from regiodeal.core.admin_utils import (
    AdminRules,
    LocalizedDecimalMixin,
    RolePermissionMixin,
    VersionedAdminForm,
    euro_column,
)
from regiodeal.core.permissions import Permission, may_run_calls, may_view_calls
from regiodeal.programmes.scoping import ProgrammeScopedAdminMixin, scoped, within_programmes

from . import admin_views
from .admin_forms import LineFormSet
from .models import Application, Call, Criterion, Notification, ProgrammeLine
from .review import application_scores


def _made_by_applicants(user) -> Permission:
    return Permission(
        False,
        _t(
            "An application is the applicant's: the office takes its steps on the application's "
            "page and does not change or delete it."
        ),
    )


CALL_RULES = AdminRules.viewed_by(may_view_calls, edit=may_run_calls)
APPLICATION_RULES = AdminRules.viewed_by(may_view_calls, edit=_made_by_applicants)


class HistoryToRead:
    """The audit trail is to read: a revert would save an old version past the services' checks
    (simple-history accepts a revert from whoever may view the history)."""

    def revert_disabled(self, request, obj=None) -> bool:
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied(_t("Past versions can be read, not restored."))
        return super().history_form_view(request, object_id, version_id, extra_context)


class ClosedAfterProposal:
    """Lines and criteria are what the proposed allocation was made on: closed once proposed.

    Before the role rules among the bases: it asks them (``super()``) when the call is open.
    """

    @staticmethod
    def _proposed(call: Call | None) -> bool:
        return bool(
            call is not None
            and call.pk
            and call.allocation_runs.filter(proposed_to__isnull=False).exists()
        )

    def has_add_permission(self, request, obj=None) -> bool:
        return not self._proposed(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return not self._proposed(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not self._proposed(obj) and super().has_delete_permission(request, obj)


class ProgrammeLineInline(
    ClosedAfterProposal,
    ProgrammeScopedAdminMixin,
    RolePermissionMixin,
    LocalizedDecimalMixin,
    admin.TabularInline,
):
    permission_rules = CALL_RULES
    model = ProgrammeLine
    formset = LineFormSet
    extra = 0
    fields = ["position", "name", "pillar", "budget", "percentage", "max_amount"]


class CriterionInline(
    ClosedAfterProposal, RolePermissionMixin, LocalizedDecimalMixin, admin.TabularInline
):
    permission_rules = CALL_RULES
    model = Criterion
    extra = 0
    fields = ["position", "name", "description", "weight", "max_score", "tie_break_position"]


@admin.register(Call)
class CallAdmin(
    ProgrammeScopedAdminMixin,
    RolePermissionMixin,
    HistoryToRead,
    LocalizedDecimalMixin,
    SimpleHistoryAdmin,
):
    permission_rules = CALL_RULES
    programme_path = "programme"
    form = VersionedAdminForm
    list_display = [
        "title",
        "programme",
        "opens_at",
        "application_deadline",
        "is_published",
        "application_count",
        "allocation_link",
    ]
    list_filter = ["programme", "is_published"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "opens_at"
    inlines = [ProgrammeLineInline, CriterionInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "programme",
                    "title",
                    "slug",
                    "description",
                    "eligibility",
                    "is_published",
                    "loaded_version",
                ]
            },
        ),
        (
            _("Dates"),
            {
                "fields": [
                    "opens_at",
                    "registration_deadline",
                    "application_deadline",
                    "decision_date",
                    "repair_days",
                ]
            },
        ),
        (
            _("Ranking and allocation"),
            {"fields": ["min_total_score", "aggregation", "partial_rule"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(application_total=Count("applications"))

    @admin.display(description=_("applications"), ordering="application_total")
    def application_count(self, call: Call) -> int:
        return call.application_total

    @admin.display(description=_("ranking and allocation"))
    def allocation_link(self, call: Call) -> str:
        return format_html(
            '<a href="{}">{}</a>', admin_views.allocation_url(call), _t("Ranking and allocation")
        )

    def get_urls(self):
        wrap = self.admin_site.admin_view
        page = path(
            "<int:pk>/allocation/",
            wrap(
                within_programmes(
                    self, lambda request, pk: admin_views.allocation_page(request, self, pk)
                )
            ),
            name="calls_call_allocation",
        )
        return [page, *super().get_urls()]


class LineFilter(admin.SimpleListFilter):
    """The programme line, among the lines of the chosen call (names recur across calls)."""

    title = _("programme line")
    parameter_name = "line"

    def lookups(self, request, model_admin):
        lines = ProgrammeLine.objects.select_related("call").order_by("call__title", "position")
        # The lines of the account's programmes: other programmes' calls are not named.
        lines = scoped(lines, request.user, "call__programme")
        call = request.GET.get("call__id__exact", "")
        if call.isdigit():
            lines = lines.filter(call_id=int(call))
        return [(str(line.pk), f"{line.name} ({line.call.title})") for line in lines]

    def queryset(self, request, queryset):
        value = self.value() or ""
        return queryset.filter(line_id=int(value)) if value.isdigit() else queryset


APPLICATION_FIELDSETS = [
    (
        None,
        {
            "fields": [
                "reference",
                "call",
                "state",
                "applicant",
                "created_at",
                "submitted_at",
                "repair_due",
                "office_note",
            ]
        },
    ),
    (
        _("The idea and its pre-check"),
        {"fields": ["title", "idea", "pre_check_positive", "pre_check_advice"]},
    ),
    (
        _("The application"),
        {"fields": ["line", "summary", "description", "lead_organisation", "partners", "places"]},
    ),
    (_("Budget"), {"fields": ["eligible_display", "co_financing_display", "requested_display"]}),
    (_("After the allocation"), {"fields": ["decision", "project"]}),
]


@admin.register(Application)
class ApplicationAdmin(
    ProgrammeScopedAdminMixin, RolePermissionMixin, HistoryToRead, SimpleHistoryAdmin
):
    permission_rules = APPLICATION_RULES
    programme_path = "call__programme"
    list_display = [
        "reference",
        "title",
        "call",
        "line",
        "state",
        "requested_display",
        "submitted_at",
    ]
    list_filter = ["call", "state", LineFilter]
    search_fields = [
        "reference",
        "title",
        "summary",
        "lead_organisation__name",
        "applicant__username",
        "applicant__email",
    ]
    list_select_related = ["call", "line"]
    fieldsets = APPLICATION_FIELDSETS
    readonly_fields = [
        name for _title, fieldset in APPLICATION_FIELDSETS for name in fieldset["fields"]
    ]
    eligible_display = euro_column("eligible_costs", _("eligible costs"))
    co_financing_display = euro_column("co_financing", _("co-financing"))
    requested_display = euro_column("requested_amount", _("requested amount"))
    # The applicant's own page answers to the applicant only.
    view_on_site = False

    def get_urls(self):
        wrap = self.admin_site.admin_view

        def step(slug: str):
            return path(
                f"<int:pk>/{slug.replace('_', '-')}/",
                wrap(
                    within_programmes(
                        self,
                        lambda request, pk: admin_views.application_step(request, self, pk, slug),
                    )
                ),
                name=f"calls_application_{slug}",
            )

        attachment = path(
            "<int:pk>/attachments/<int:attachment_pk>/",
            wrap(
                within_programmes(
                    self,
                    lambda request, pk, attachment_pk: admin_views.attachment_download(
                        request, self, pk, attachment_pk
                    ),
                )
            ),
            name="calls_application_attachment",
        )
        return [*(step(slug) for slug in admin_views.STEPS), attachment, *super().get_urls()]

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        application = self.get_object(request, object_id)
        if application is not None:
            extra_context = {**(extra_context or {}), **self.page_context(request, application)}
        return super().change_view(request, object_id, form_url, extra_context)

    def page_context(self, request: HttpRequest, application: Application) -> dict:
        may_act = may_run_calls(request.user).allowed
        criteria = list(application.call.criteria.order_by("position", "name"))
        reviews = []
        for assignment in application.reviews.select_related("reviewer").prefetch_related("scores"):
            scores = {s.criterion_id: s for s in assignment.scores.all()}
            reviews.append(
                {"assignment": assignment, "scores": [(c, scores.get(c.pk)) for c in criteria]}
            )
        return {
            "steps": admin_views.steps_offered(application) if may_act else [],
            "may_download": may_act,
            "reviews": reviews,
            "score": application_scores(application.call).get(application.pk),
            "attachments": application.attachments.all(),
            "notifications": Notification.objects.filter(application=application).select_related(
                "recipient"
            ),
            "allocation_url": admin_views.allocation_url(application.call),
        }

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions
