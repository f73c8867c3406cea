"""What the search page shows of each result: its link, title, line of facts and text, as a
plain row.

Why not in the template: the page shows sixty results, and Django's template engine resolves
each ``result.relation.field`` by trying a dictionary lookup first, which raises an exception
on a model instance before the attribute is read; with the formatting filters that was about
half the page's rendering. A row is a dict of finished text, which the template escapes and
places. The words and formats are the same ones the template used (``portal/search.html``).
"""

from django.template.defaultfilters import truncatewords
from django.utils.translation import gettext as _

from regiodeal.core.money import format_euro
from regiodeal.core.templatetags.dates import cached_date
from regiodeal.decisions.models import Decision
from regiodeal.monitoring.models import ProgressReport
from regiodeal.projects.models import Project

from .overview import SearchResults

WORDS = 40


def shown(results: SearchResults) -> dict[str, list[dict[str, str | None]]]:
    """The rows of each kind of ``results``, as the search page shows them."""
    return {
        "projects": project_rows(results.projects),
        "decisions": decision_rows(results.decisions),
        "lessons": lesson_rows(results.lessons),
    }


def project_rows(projects: list[Project]) -> list[dict[str, str | None]]:
    pillar, status, decided = _("Pillar"), _("Status"), _("Decided")
    rows = []
    for project in projects:
        facts = f"{pillar}: {project.pillar.name} · " if project.pillar else ""
        facts += f"{status}: {project.get_status_display()}"
        if project.amount:
            facts += f" · {decided}: {format_euro(project.amount)}"
        text = truncatewords(project.summary, WORDS) if project.summary else None
        rows.append(_row(project.get_absolute_url(), project.title, facts, text))
    return rows


def decision_rows(decisions: list[Decision]) -> list[dict[str, str | None]]:
    steering_group = _("Steering group")
    rows = []
    for decision in decisions:
        facts = f"{steering_group}, {cached_date(decision.meeting.date)}"
        if decision.amount is not None:
            facts += f" · {format_euro(decision.amount)}"
        title = decision.title or decision.project.title
        text = truncatewords(decision.text, WORDS) if decision.text else None
        rows.append(_row(decision.meeting.besluitenlijst_url, title, facts, text))
    return rows


def lesson_rows(reports: list[ProgressReport]) -> list[dict[str, str | None]]:
    rows = []
    for report in reports:
        facts = _("Progress report %(start)s to %(end)s") % {
            "start": cached_date(report.period_start),
            "end": cached_date(report.period_end),
        }
        project, text = report.project, truncatewords(report.lessons_learned, WORDS)
        rows.append(_row(project.get_absolute_url(), project.title, facts, text))
    return rows


def _row(url: str, title: str, facts: str, text: str | None) -> dict[str, str | None]:
    """``text`` is None when the result has none: the page then leaves its paragraph out."""
    return {"url": url, "title": title, "facts": facts, "text": text}
