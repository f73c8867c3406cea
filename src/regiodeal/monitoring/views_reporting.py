"""Project leads' own pages: "Mijn projecten", one project's monitoring, and writing a report.

Every page finds the project among the user's own (``services.projects_of``) and the report
among that project's, so anyone else gets a 404: the page does not even confirm that the
project or the report exists.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _

from regiodeal.projects.models import Project

from . import services
from .constants import EDITABLE_REPORT_STATES, ReportState
from .forms import ReportForm, add_service_errors, format_number
from .models import Indicator, IndicatorPeriod, ProgressReport, ReportingSchedule
from .selectors import project_monitoring

LOGIN = reverse_lazy("calls:login")


@dataclass(frozen=True)
class PeriodLine:
    """One indicator period as the pages show it: target and actual written the Dutch way."""

    period: IndicatorPeriod
    target: str
    actual: str


@dataclass(frozen=True)
class IndicatorBlock:
    indicator: Indicator
    baseline: str
    periods: list[PeriodLine]


def _value(indicator: Indicator, number, text: str) -> str:
    return format_number(number) if indicator.is_quantitative else text


def _indicator_blocks(project: Project) -> list[IndicatorBlock]:
    indicators = (
        Indicator.objects.filter(result__project=project)
        .select_related("result")
        .prefetch_related("periods")
        .order_by("result__position", "result__pk", "position", "pk")
    )
    return [
        IndicatorBlock(
            indicator=indicator,
            baseline=_value(indicator, indicator.baseline_value, indicator.baseline_text),
            periods=[
                PeriodLine(
                    period=period,
                    target=_value(indicator, period.target, period.target_text),
                    actual=_value(indicator, period.actual, period.actual_text),
                )
                for period in indicator.periods.all()
            ],
        )
        for indicator in indicators
    ]


def _own_project(request: HttpRequest, slug: str) -> Project:
    return get_object_or_404(services.projects_of(request.user), slug=slug)


def _own_report(request: HttpRequest, slug: str, pk: int) -> ProgressReport:
    project = _own_project(request, slug)
    return get_object_or_404(
        ProgressReport.objects.select_related("project"), project=project, pk=pk
    )


def report_url(report: ProgressReport) -> str:
    return reverse("monitoring:my_report", args=[report.project.slug, report.pk])


@login_required(login_url=LOGIN)
def my_projects(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    projects = list(
        services.projects_of(request.user).select_related("programme").order_by("title")
    )
    to_write: dict[int, list[ProgressReport]] = {project.pk: [] for project in projects}
    for report in services.reports_to_write(request.user):
        to_write[report.project_id].append(report)
    schedules = {
        schedule.project_id: schedule
        for schedule in ReportingSchedule.objects.filter(project__in=projects)
    }
    rows = [
        (
            project,
            to_write[project.pk],
            services.next_due_date(schedules[project.pk], today)
            if project.pk in schedules
            else None,
        )
        for project in projects
    ]
    return render(request, "monitoring/reporting/my_projects.html", {"rows": rows, "today": today})


@login_required(login_url=LOGIN)
def my_project(request: HttpRequest, slug: str) -> HttpResponse:
    project = _own_project(request, slug)
    monitoring = project_monitoring(project)
    return render(
        request,
        "monitoring/reporting/project.html",
        {
            "project": project,
            "monitoring": monitoring,
            "milestones": project.milestones.all(),
            "indicators": _indicator_blocks(project),
            "reports": project.reports.order_by("-period_end"),
            "editable_states": EDITABLE_REPORT_STATES,
            "today": timezone.localdate(),
        },
    )


def _report_page(
    request: HttpRequest, report: ProgressReport, form: ReportForm | None = None
) -> HttpResponse:
    editable = report.state in EDITABLE_REPORT_STATES
    if editable and form is None:
        form = _form(report)
    values = report.values.select_related("period__indicator").order_by(
        "period__indicator__result__position", "period__indicator__position", "period__start"
    )
    return render(
        request,
        "monitoring/reporting/report.html",
        {
            "project": report.project,
            "report": report,
            "form": form if editable else None,
            "returned": report.state == ReportState.TERUGGESTUURD,
            "milestones_reached": report.milestones_reached.order_by("planned_date"),
            "values": [(v, _value(v.period.indicator, v.value, v.text)) for v in values],
            "today": timezone.localdate(),
        },
    )


def _form(report: ProgressReport, data=None) -> ReportForm:
    return ReportForm(
        data,
        report=report,
        periods=services.reportable_periods(report),
        milestones=services.reportable_milestones(report),
    )


@login_required(login_url=LOGIN)
def my_report(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    report = _own_report(request, slug, pk)
    if request.method != "POST":
        return _report_page(request, report)
    try:
        services.check_may_write(report, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(report_url(report))
    form = _form(report, request.POST)
    if form.is_valid():
        submitting = request.POST.get("action") == "submit"
        service = services.save_and_submit_report if submitting else services.save_report
        try:
            service(
                report,
                user=request.user,
                data=form.report_input(),
                version=form.cleaned_data["loaded_version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            report.refresh_from_db()
            if report.state not in EDITABLE_REPORT_STATES:  # submitted meanwhile, elsewhere
                messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Your report has been submitted to the programme office.")
                if submitting
                else _("Your report has been saved. Submit it when it is complete."),
            )
            return redirect(report_url(report))
    return _report_page(request, report, form)
