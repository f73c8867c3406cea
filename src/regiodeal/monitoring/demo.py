"""Monitoring data for the demo's December 2021 projects, through the reporting services."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model

from regiodeal.core.roles import Role, group_of
from regiodeal.projects.models import Project

from . import demo_content as content
from . import services
from .models import (
    BroadProsperityTheme,
    Indicator,
    IndicatorPeriod,
    InterventionElement,
    Milestone,
    ProgressReport,
    ProjectLead,
    ReportedValue,
    ReportingSchedule,
    Result,
)

SCHEDULE_FIRST_DUE = datetime.date(2022, 7, 1)
SCHEDULE_LAST_DUE = datetime.date(2024, 1, 1)


def _lead(username: str, name: str):
    user, _ = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": name, "last_name": "(demo)"}
    )
    user.set_password(settings.REGIODEAL_DEMO_PASSWORD)
    user.save()
    user.groups.add(group_of(Role.PENVOERDER))
    return user


def _report_for(reports: list[ProgressReport], start: datetime.date, end: datetime.date):
    """The report that gives a period's actual: the first one that covers the period's end."""
    covering = [r for r in reports if r.period_end >= end]
    if covering:
        return min(covering, key=lambda r: r.period_end)
    later = [r for r in reports if r.period_end >= start]
    return max(later, key=lambda r: r.period_end) if later else None


def load_monitoring_demo(programme, *, office=None) -> None:
    elements = {
        slug: InterventionElement.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )[0]
        for name, slug, description in content.ELEMENTS
    }
    leads = {username: _lead(username, name) for username, name in content.LEADS.items()}
    themes = {t.slug: t for t in BroadProsperityTheme.objects.all()}
    for slug, data in content.PROJECTS.items():
        project = Project.objects.get(programme=programme, slug=slug)
        lead = leads[data["lead"]]
        ProjectLead.objects.create(project=project, user=lead)
        for element in data["elements"]:
            elements[element].projects.add(project)
        ReportingSchedule.objects.create(
            project=project,
            interval_months=6,
            first_due=SCHEDULE_FIRST_DUE,
            last_due=SCHEDULE_LAST_DUE,
        )
        milestones = {
            title: Milestone.objects.create(project=project, title=title, planned_date=planned)
            for title, planned, _reached in data["milestones"]
        }
        reached = {title: when for title, _planned, when in data["milestones"] if when}
        reports = [
            ProgressReport.objects.create(
                project=project,
                period_start=start,
                period_end=end,
                due_date=end + datetime.timedelta(days=1),
                status=status,
                progress=progress,
                narrative=narrative,
                lessons_learned=lessons,
            )
            for (start, end), status, progress, narrative, lessons, _state in data["reports"]
        ]
        for report in reports:
            report.milestones_reached.set(
                [
                    m
                    for title, m in milestones.items()
                    if title in reached and reached[title] <= report.period_end
                ]
            )
        for position, (kind, title, indicators) in enumerate(data["results"]):
            result = Result.objects.create(
                project=project, kind=kind, title=title, position=position
            )
            for number, (name, unit, measure, baseline, bp, periods) in enumerate(indicators):
                indicator = Indicator.objects.create(
                    result=result,
                    title=name,
                    unit=unit,
                    measure=measure,
                    baseline_value=baseline,
                    baseline_year=2021 if baseline is not None else None,
                    position=number,
                )
                indicator.broad_prosperity.set([themes[t] for t in bp])
                indicator.themes.set(project.themes.all())
                for (start, end), target, actual in periods:
                    qualitative = measure == "qualitative"
                    period = IndicatorPeriod.objects.create(
                        indicator=indicator,
                        start=start,
                        end=end,
                        target=None if qualitative else target,
                        target_text=target if qualitative else "",
                    )
                    report = _report_for(reports, start, end) if actual is not None else None
                    if report is not None:
                        ReportedValue.objects.create(
                            report=report,
                            period=period,
                            value=None if qualitative else Decimal(actual),
                            text=actual if qualitative else "",
                        )
        states = {r.pk: entry[5] for r, entry in zip(reports, data["reports"], strict=True)}
        for report in reports:
            if states[report.pk] == "geaccepteerd":
                services.submit_report(report, user=lead)
                services.accept_report(report, user=office)
        # Milestones reached before the first report are recorded by their real date.
        for title, when in reached.items():
            Milestone.objects.filter(pk=milestones[title].pk).update(reached_on=when)
    # Addresses only now, so the demo's history is not mailed to the console of `make run`.
    for user in leads.values():
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
