"""Forms of the reporting pages and the office's review: they read input; services decide."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from regiodeal.core import money
from regiodeal.core.admin_utils import VersionedAdminForm
from regiodeal.core.forms import DutchDecimalField
from regiodeal.programmes.models import MONEY

from . import services
from .constants import ImplementationStatus
from .models import VALUE, IndicatorPeriod, Milestone, ProgressReport
from .services import ReportInput

PERIOD_PREFIX = "period_"


def format_number(value: Decimal | None) -> str:
    """``1.234,5``: an indicator value without the trailing zeros of its four decimals."""
    if value is None:
        return ""
    return money.format_number(value, "#,##0.####")


class DutchNumberField(DutchDecimalField):
    """A number as Dutch people type it: ``1.234,5``; amounts also as ``€ 125.000,50``."""

    default_error_messages = {"invalid": _("Enter a number, such as 1.234,5.")}

    def prepare_value(self, value):
        return format_number(value) if isinstance(value, Decimal) else value


class AmountField(DutchNumberField):
    default_error_messages = {"invalid": _("Enter an amount in euros, such as 125.000,50.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", MONEY["max_digits"])
        kwargs.setdefault("decimal_places", MONEY["decimal_places"])
        kwargs.setdefault("min_value", Decimal(0))
        super().__init__(**kwargs)


class MilestoneChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Milestone) -> str:
        return _("%(title)s (planned %(date)s)") % {
            "title": obj.title,
            "date": obj.planned_date.strftime("%d-%m-%Y"),
        }


def _period_label(period: IndicatorPeriod) -> str:
    indicator = period.indicator
    label = _("%(indicator)s, %(start)s – %(end)s") % {
        "indicator": indicator.title,
        "start": period.start.strftime("%d-%m-%Y"),
        "end": period.end.strftime("%d-%m-%Y"),
    }
    return f"{label} ({indicator.unit})" if indicator.unit else label


def _period_help(period: IndicatorPeriod) -> str:
    indicator = period.indicator
    if indicator.is_quantitative:
        target = format_number(period.target)
        baseline = format_number(indicator.baseline_value)
    else:
        target, baseline = period.target_text, indicator.baseline_text
    parts = []
    if baseline:
        parts.append(_("baseline: %(value)s") % {"value": baseline})
    if target:
        parts.append(_("target: %(value)s") % {"value": target})
    return "; ".join(str(part) for part in parts)


class ReportForm(forms.Form):
    """A progress report as the project lead writes it; empty fields are allowed until it is
    submitted, when the service asks for status and narrative."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    status = forms.ChoiceField(
        label=_("Status of the project"),
        choices=ImplementationStatus.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("A whole number from 0 to 100. Leave empty to derive it from the milestones."),
    )
    narrative = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_("What the project did in this period, what went well and what did not."),
    )
    spending_to_date = AmountField(
        label=_("Spent to date (euro)"),
        required=False,
        help_text=_("Everything the project has spent since it started, for example 125.000,50."),
    )
    milestones = MilestoneChoiceField(
        label=_("Milestones reached"),
        queryset=Milestone.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick the milestones the project reached in or before this period."),
    )
    lessons_learned = forms.CharField(
        label=_("Lessons learned"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("What others could learn from this project; shared within the programme."),
    )

    def __init__(self, *args, report: ProgressReport, periods, milestones, **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = list(periods)
        self.fields["milestones"].queryset = milestones
        for period in self.periods:
            if period.indicator.is_quantitative:
                field = DutchNumberField(
                    max_digits=VALUE["max_digits"], decimal_places=VALUE["decimal_places"]
                )
            else:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
            field.required = False
            field.label = _period_label(period)
            field.help_text = _period_help(period)
            self.fields[f"{PERIOD_PREFIX}{period.pk}"] = field
        if not self.is_bound:
            self.initial = {**self.initial_for(report), **self.initial}

    @staticmethod
    def initial_for(report: ProgressReport) -> dict:
        initial = {
            "loaded_version": report.version,
            "status": report.status,
            "progress": report.progress,
            "narrative": report.narrative,
            "spending_to_date": report.spending_to_date,
            "milestones": list(report.milestones_reached.values_list("pk", flat=True)),
            "lessons_learned": report.lessons_learned,
        }
        for value in report.values.select_related("period__indicator"):
            quantitative = value.period.indicator.is_quantitative
            initial[f"{PERIOD_PREFIX}{value.period_id}"] = (
                value.value if quantitative else value.text
            )
        return initial

    def period_fields(self) -> list[forms.BoundField]:
        return [self[f"{PERIOD_PREFIX}{period.pk}"] for period in self.periods]

    def report_input(self) -> ReportInput:
        data = self.cleaned_data
        return ReportInput(
            status=data["status"],
            progress=data["progress"],
            narrative=data["narrative"].strip(),
            spending_to_date=data["spending_to_date"],
            lessons_learned=data["lessons_learned"].strip(),
            milestones=list(data["milestones"]),
            values={period.pk: data[f"{PERIOD_PREFIX}{period.pk}"] for period in self.periods},
        )


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: on a field the form has, or above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ReturnReportForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the project lead"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Say what the project lead should change or add; they see it with the report."),
        # The service says why an empty comment is refused; the form does not say it twice.
        required=False,
    )


@dataclass(frozen=True)
class Review:
    """The office's answer to a submitted report: what the page asks and which service runs."""

    form: type[forms.Form]
    run: Callable  # (report, cleaned data, user)
    title: str  # may name %(report)s, as may done
    explanation: str
    button: str
    done: str


REVIEWS = {
    "accept": Review(
        form=forms.Form,
        run=lambda report, data, user: services.accept_report(report, user=user),
        title=_("Accept report %(report)s"),
        explanation=_(
            "Accepting makes the report's indicator actuals and milestones the project's and "
            "tells the project lead by e-mail."
        ),
        button=_("Accept"),
        done=_("Report %(report)s accepted."),
    ),
    "return": Review(
        form=ReturnReportForm,
        run=lambda report, data, user: services.return_report(
            report, comment=data["comment"], user=user
        ),
        title=_("Return report %(report)s"),
        explanation=_(
            "The project lead can change the report and submit it again; they get your comment "
            "by e-mail and see it with the report."
        ),
        button=_("Return with this comment"),
        done=_("Report %(report)s returned to the project lead."),
    ),
}


class ProgressReportAdminForm(VersionedAdminForm):
    """The office schedules a report by hand: its period and due date; the lead writes it."""

    class Meta:
        model = ProgressReport
        fields = ["project", "period_start", "period_end", "due_date"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("A period cannot end before it starts."))
        return cleaned


class LeadChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        name = obj.get_full_name() or obj.get_username()
        return f"{name} <{obj.email}>" if obj.email else name


def lead_candidates():
    return get_user_model().objects.filter(is_active=True).order_by("username")
