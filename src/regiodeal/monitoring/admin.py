"""The monitoring back office: the office reviews progress reports and keeps results,
indicators, milestones, schedules, project leads and intervention elements; the steering group
reads along.

A report's content is the project lead's: the office accepts it or returns it with a comment
(through ``services``) and never edits it. Milestones, the reporting schedule and the project
leads are inlines of the project's page (see ``projects/admin.py``).
"""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from regiodeal.core.admin_utils import (
    AdminRules,
    LocalizedDecimalMixin,
    RolePermissionMixin,
    euro_column,
    run_each,
)
from regiodeal.core.errors import DomainError
from regiodeal.core.permissions import (
    Permission,
    may_edit_monitoring,
    may_review_reports,
    may_view_monitoring,
)
from regiodeal.core.permissions import require as require_permission
from regiodeal.programmes.scoping import ProgrammeScopedAdminMixin, programme_ids_of

from . import services
from .constants import EDITABLE_REPORT_STATES, ReportState
from .forms import (
    REVIEWS,
    LeadChoiceField,
    ProgressReportAdminForm,
    add_service_errors,
    format_number,
    lead_candidates,
)
from .models import (
    Indicator,
    IndicatorPeriod,
    InterventionElement,
    Milestone,
    ProgressReport,
    ProjectLead,
    Reminder,
    ReportedValue,
    ReportingSchedule,
    Result,
)


def _written_by_the_lead(user) -> Permission:
    return Permission(False, _t("The project lead writes this in the progress report."))


MONITORING_RULES = AdminRules.viewed_by(may_view_monitoring, edit=may_edit_monitoring)
REPORTED_RULES = AdminRules.viewed_by(may_view_monitoring, edit=_written_by_the_lead)
CHECKBOXES = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}


# --- Inlines of the project's page -------------------------------------------------------------


class MilestoneInline(RolePermissionMixin, admin.TabularInline):
    permission_rules = MONITORING_RULES
    model = Milestone
    extra = 0
    fields = ["title", "planned_date", "reached_on", "weight"]


class ReportingScheduleInline(RolePermissionMixin, admin.TabularInline):
    permission_rules = MONITORING_RULES
    model = ReportingSchedule
    extra = 0
    max_num = 1
    fields = ["interval_months", "first_due", "last_due"]


class ProjectLeadInline(RolePermissionMixin, admin.TabularInline):
    """Who reports on the project: they see it, and only it, under "Mijn projecten"."""

    permission_rules = MONITORING_RULES
    model = ProjectLead
    extra = 0
    fields = ["user"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A plain choice: the account admin (and its autocomplete) is the administrator's only.
        if db_field.name == "user":
            return LeadChoiceField(queryset=lead_candidates(), label=_("project lead"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


PROJECT_INLINES = [MilestoneInline, ReportingScheduleInline, ProjectLeadInline]


# --- Progress reports -------------------------------------------------------------------------


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("overdue")), ("no", _("not overdue"))]

    def queryset(self, request, queryset):
        overdue = models.Q(state__in=EDITABLE_REPORT_STATES, due_date__lt=timezone.localdate())
        if self.value() == "yes":
            return queryset.filter(overdue)
        if self.value() == "no":
            return queryset.exclude(overdue)
        return queryset


class ReportedValueInline(RolePermissionMixin, admin.TabularInline):
    """The indicator actuals as the lead gave them; they become the periods' on acceptance."""

    permission_rules = REPORTED_RULES
    model = ReportedValue
    extra = 0
    fields = ["indicator", "period_dates", "target", "reported"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("period__indicator")

    @admin.display(description=_("indicator"))
    def indicator(self, value: ReportedValue) -> str:
        return value.period.indicator.title

    @admin.display(description=_("period"))
    def period_dates(self, value: ReportedValue) -> str:
        return f"{value.period.start:%d-%m-%Y} – {value.period.end:%d-%m-%Y}"

    @admin.display(description=_("target"))
    def target(self, value: ReportedValue) -> str:
        period = value.period
        return format_number(period.target) if period.target is not None else period.target_text

    @admin.display(description=_("reported"))
    def reported(self, value: ReportedValue) -> str:
        return format_number(value.value) if value.value is not None else value.text


class ReminderInline(RolePermissionMixin, admin.TabularInline):
    permission_rules = REPORTED_RULES
    model = Reminder
    extra = 0
    fields = ["kind", "sent_at"]
    readonly_fields = fields
    verbose_name_plural = _("reminders sent")


REPORT_SCHEDULE = ["project", "period_start", "period_end", "due_date"]
REPORT_CONTENT = ["status", "progress", "narrative", "spending_display", "milestones_reached",
                  "lessons_learned"]  # fmt: skip
REPORT_REVIEW = ["submitted_at", "submitted_by", "reviewed_at", "reviewed_by", "review_comment"]


@admin.register(ProgressReport)
class ProgressReportAdmin(ProgrammeScopedAdminMixin, RolePermissionMixin, SimpleHistoryAdmin):
    permission_rules = MONITORING_RULES
    programme_path = "project__programme"
    form = ProgressReportAdminForm
    list_display = ["project", "period_end", "due_date", "state", "status", "overdue",
                    "submitted_at"]  # fmt: skip
    list_filter = ["state", "status", "project__programme", OverdueFilter]
    search_fields = ["project__title", "narrative", "lessons_learned"]
    list_select_related = ["project"]
    autocomplete_fields = ["project"]
    date_hierarchy = "due_date"
    inlines = [ReportedValueInline, ReminderInline]
    actions = ["accept"]
    readonly_fields = ["state", *REPORT_CONTENT, *REPORT_REVIEW]
    spending_display = euro_column("spending_to_date", _("spent to date"))

    @admin.display(description=_("overdue"), boolean=True)
    def overdue(self, report: ProgressReport) -> bool:
        return report.state in EDITABLE_REPORT_STATES and report.due_date < timezone.localdate()

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": REPORT_SCHEDULE})]
        top = [*REPORT_SCHEDULE, "state"]
        if self.has_change_permission(request, obj):
            top.append("loaded_version")
        return [
            (None, {"fields": top}),
            (_("The project lead's report"), {"fields": REPORT_CONTENT}),
            (_("Submission and review"), {"fields": REPORT_REVIEW}),
        ]

    def get_readonly_fields(self, request, obj=None):
        # A report stays with its project; its period and due date move while it is unwritten.
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, "project"] if obj is not None else readonly

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    # Once submitted, the report is the lead's as written: the office accepts or returns it.
    def has_change_permission(self, request, obj=None) -> bool:
        written = obj is not None and obj.state not in EDITABLE_REPORT_STATES
        return not written and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        written = obj is not None and obj.state not in EDITABLE_REPORT_STATES
        return not written and super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # Bulk deletion would skip the per-report refusal above.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_review_permission(self, request: HttpRequest) -> bool:
        return self.allows(may_review_reports, request)

    @admin.action(description=_("Accept the selected submitted reports"), permissions=["review"])
    def accept(self, request: HttpRequest, queryset) -> None:
        run_each(
            request,
            self,
            queryset,
            lambda report: services.accept_report(report, user=request.user),
            lambda count: (
                ngettext("%(count)d report accepted.", "%(count)d reports accepted.", count)
                % {"count": count}
            ),
        )

    def get_urls(self):
        wrap, name = self.admin_site.admin_view, "monitoring_progressreport"
        return [
            *(
                path(
                    f"<int:pk>/{kind}/",
                    wrap(self.review_view),
                    {"kind": kind},
                    name=f"{name}_{kind}",
                )
                for kind in REVIEWS
            ),
            *super().get_urls(),
        ]

    def review_view(self, request: HttpRequest, pk: int, kind: str) -> HttpResponse:
        """GET: a confirmation or the comment form. POST: run the service; a refusal is shown
        on the page and changes nothing."""
        require_permission(may_review_reports(request.user))
        review = REVIEWS[kind]
        report = self.get_object(request, str(pk))
        if report is None:
            raise Http404(_t("This report does not exist (any more)."))
        form = review.form(request.POST if request.method == "POST" else None)
        names = {"report": report}
        if request.method == "POST" and form.is_valid():
            try:
                review.run(report, form.cleaned_data, request.user)
            except DomainError as error:
                add_service_errors(form, error)
            else:
                self.message_user(request, str(review.done) % names, messages.SUCCESS)
                change = reverse("admin:monitoring_progressreport_change", args=[report.pk])
                return HttpResponseRedirect(change)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": report,
            "title": str(review.title) % names,
            "explanation": review.explanation,
            "button": review.button,
            "form": form,
            "submitted": report.state == ReportState.INGEDIEND,
        }
        return TemplateResponse(request, "admin/monitoring/review.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "may_review": may_review_reports(request.user).allowed,
        }
        return super().change_view(request, object_id, form_url, extra_context)


# --- Results and indicators -------------------------------------------------------------------


class IndicatorInline(
    ProgrammeScopedAdminMixin, RolePermissionMixin, LocalizedDecimalMixin, admin.StackedInline
):
    permission_rules = MONITORING_RULES
    model = Indicator
    extra = 0
    fields = ["title", "unit", "measure", "ascending", ("baseline_value", "baseline_year"),
              "baseline_text", "broad_prosperity", "themes", "position"]  # fmt: skip
    formfield_overrides = CHECKBOXES
    show_change_link = True


@admin.register(Result)
class ResultAdmin(ProgrammeScopedAdminMixin, RolePermissionMixin, SimpleHistoryAdmin):
    permission_rules = MONITORING_RULES
    programme_path = "project__programme"
    list_display = ["title", "project", "kind", "indicator_count"]
    list_filter = ["kind", "project__programme"]
    search_fields = ["title", "description", "project__title"]
    list_select_related = ["project"]
    autocomplete_fields = ["project"]
    inlines = [IndicatorInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Result]:
        return super().get_queryset(request).annotate(indicator_total=Count("indicators"))

    @admin.display(description=_("indicators"), ordering="indicator_total")
    def indicator_count(self, result: Result) -> int:
        return result.indicator_total


class IndicatorPeriodInline(RolePermissionMixin, LocalizedDecimalMixin, admin.TabularInline):
    permission_rules = MONITORING_RULES
    model = IndicatorPeriod
    extra = 0
    fields = ["start", "end", "target", "actual", "target_text", "actual_text", "comment"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}}


@admin.register(Indicator)
class IndicatorAdmin(
    ProgrammeScopedAdminMixin, RolePermissionMixin, LocalizedDecimalMixin, SimpleHistoryAdmin
):
    permission_rules = MONITORING_RULES
    programme_path = "result__project__programme"
    list_display = ["title", "result", "project", "measure", "unit"]
    list_filter = ["measure", "broad_prosperity", "result__project__programme"]
    search_fields = ["title", "result__title", "result__project__title"]
    list_select_related = ["result__project"]
    autocomplete_fields = ["result"]
    fields = ["result", "title", "unit", "measure", "ascending", "baseline_value",
              "baseline_text", "baseline_year", "broad_prosperity", "themes",
              "position"]  # fmt: skip
    formfield_overrides = CHECKBOXES
    inlines = [IndicatorPeriodInline]

    @admin.display(description=_("project"), ordering="result__project__title")
    def project(self, indicator: Indicator):
        return indicator.result.project


@admin.register(InterventionElement)
class InterventionElementAdmin(ProgrammeScopedAdminMixin, RolePermissionMixin, SimpleHistoryAdmin):
    """Elements are shared by every programme (no ``programme_path``): an office account
    chooses among its own programmes' projects, and saving keeps the element's projects of
    other programmes, which it does not see."""

    permission_rules = MONITORING_RULES
    list_display = ["name", "project_count"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["projects"]

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).annotate(project_total=models.Count("projects"))

    @admin.display(description=_("projects"), ordering="project_total")
    def project_count(self, element: InterventionElement) -> int:
        return element.project_total

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # Deleting would take the element from other programmes' projects as well.
        ids = programme_ids_of(request.user)
        scoped_account = obj is not None and ids is not None
        if scoped_account and obj.projects.exclude(programme_id__in=ids).exists():
            return False
        return super().has_delete_permission(request, obj)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        ids = programme_ids_of(request.user)
        if change and ids is not None and "projects" in form.cleaned_data:
            elsewhere = form.instance.projects.exclude(programme_id__in=ids)
            form.cleaned_data["projects"] = [*form.cleaned_data["projects"], *elsewhere]
        super().save_related(request, form, formsets, change)
