"""Back-office forms of the finance app: they collect input; the services decide and save."""

from decimal import Decimal

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiodeal.core.admin_utils import VersionedAdminForm
from regiodeal.core.money import format_euro
from regiodeal.decisions.constants import KINDS_WITHOUT_AMOUNT, DecisionState
from regiodeal.decisions.models import Decision
from regiodeal.programmes.models import MONEY

from . import rules, services
from .models import AdvanceInstalment, AttributionKey, GrantDecision


def grantable_decisions():
    """Published first decisions of a chain that carry money and have no grant decision yet."""
    return (
        Decision.objects.filter(
            state=DecisionState.GEPUBLICEERD,
            corrects__isnull=True,
            grant__isnull=True,
            amount__gt=0,
        )
        .exclude(kind__in=KINDS_WITHOUT_AMOUNT)
        .select_related("project", "meeting")
        .order_by("-meeting__date", "position", "pk")
    )


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Decision) -> str:
        return f"{obj.meeting.date:%d-%m-%Y} · {obj.heading} · {format_euro(obj.amount)}"


class GrantCreateForm(forms.ModelForm):
    """The input of ``services.create_grant``; it never saves the instance itself."""

    decision = DecisionChoiceField(
        queryset=Decision.objects.none(),
        label=_("steering group decision"),
        help_text=_("Published decisions that commit money and have no grant decision yet."),
    )

    class Meta:
        model = GrantDecision
        fields = [
            "decision",
            "recipient",
            "date",
            "eligible_costs",
            "subsidy_percentage",
            "maximum_amount",
            "conditions",
            "reporting_duties",
        ]
        help_texts = {"recipient": _("Leave empty for the project's lead organisation.")}
        # Amounts typed the Dutch way (480000,00); dates with the admin's calendar.
        localized_fields = ["eligible_costs", "subsidy_percentage", "maximum_amount"]
        widgets = {"date": AdminDateWidget}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = grantable_decisions()
        self.fields["recipient"].required = False

    def validate_unique(self) -> None:
        # The service checks that the decision has no grant decision yet, under its own rules.
        pass


class GrantChangeForm(VersionedAdminForm):
    """A draft beschikking's own figures; the granted amount is recomputed when it is saved."""

    class Meta:
        model = GrantDecision
        fields = [
            "recipient",
            "date",
            "eligible_costs",
            "subsidy_percentage",
            "maximum_amount",
            "conditions",
            "reporting_duties",
        ]


class AdvanceScheduleFormSet(BaseInlineFormSet):
    """Refuses a schedule whose advances exceed the grant as its new figures make it.

    The admin builds this formset around the grant with the submitted (unsaved) figures, so
    the check runs before anything is saved; ``services.check_schedule`` checks again after.
    """

    def clean(self) -> None:
        super().clean()
        grant = self.instance
        if any(self.errors) or grant.eligible_costs is None or grant.subsidy_percentage is None:
            return
        schedule = [
            (form.cleaned_data.get("percentage"), form.cleaned_data.get("amount"))
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        granted = rules.grant_amount(
            eligible_costs=grant.eligible_costs,
            percentage=grant.subsidy_percentage,
            maximum=grant.maximum_amount,
            decision_amount=services.grantable_amount(grant.decision),
        ).granted
        total = sum(rules.instalment_amounts(granted, schedule), rules.ZERO)
        if total > granted:
            raise ValidationError(
                _("The advances (%(total)s) add up to more than the grant (%(granted)s).")
                % {"total": format_euro(total), "granted": format_euro(granted)},
                code="schedule_exceeds_grant",
            )


class InstalmentChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, amounts: dict[int, Decimal], **kwargs):
        self.amounts = amounts
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: AdvanceInstalment) -> str:
        amount = self.amounts.get(obj.pk)
        return _("due %(date)s: %(amount)s") % {
            "date": f"{obj.due_date:%d-%m-%Y}",
            "amount": format_euro(amount) if amount is not None else "–",
        }


class PayAdvanceForm(forms.Form):
    """Which advance of the schedule was paid, and when."""

    paid_on = forms.DateField(
        label=_("paid on"), initial=timezone.localdate, widget=AdminDateWidget
    )

    def __init__(self, *args, grant: GrantDecision, **kwargs):
        super().__init__(*args, **kwargs)
        amounts = {i.pk: amount for i, amount in services.scheduled_advances(grant)}
        self.fields = {
            "instalment": InstalmentChoiceField(
                queryset=grant.instalments.filter(payment__isnull=True).order_by("due_date", "pk"),
                amounts=amounts,
                label=_("advance"),
            ),
            **self.fields,
        }


class SettleForm(forms.Form):
    """The input of ``services.create_settlement``."""

    actual_costs = forms.DecimalField(
        label=_("actual eligible costs"),
        max_digits=MONEY["max_digits"],
        decimal_places=MONEY["decimal_places"],
        validators=[MinValueValidator(Decimal("0"))],
        localize=True,
    )
    date = forms.DateField(
        label=_("date of the settlement"), initial=timezone.localdate, widget=AdminDateWidget
    )
    note = forms.CharField(label=_("explanation"), widget=forms.Textarea, required=False)


class PaymentDateForm(forms.Form):
    paid_on = forms.DateField(
        label=_("paid on"), initial=timezone.localdate, widget=AdminDateWidget
    )


class AttributionKeyForm(forms.ModelForm):
    """A decision's key belongs to the first decision of its chain, in the key's programme."""

    class Meta:
        model = AttributionKey
        fields = ["programme", "decision", "organisation", "weight"]

    def clean(self):
        cleaned = super().clean()
        programme, decision = cleaned.get("programme"), cleaned.get("decision")
        if decision is None:
            return cleaned
        if programme is not None and decision.meeting.programme_id != programme.pk:
            self.add_error("decision", _("This decision belongs to another programme."))
        elif decision.corrects_id:
            self.add_error(
                "decision",
                _(
                    "This decision corrects an earlier one; give the key to the first decision "
                    "of the chain."
                ),
            )
        return cleaned
