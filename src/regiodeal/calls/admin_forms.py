"""Back-office forms of calls: they collect the office's input; the services decide and save."""

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.contrib.auth import get_user_model
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiodeal.core.roles import Role
from regiodeal.decisions.models import Meeting

from .models import AllocationRun, Application, Call

YES_NO = [("yes", _("positive")), ("no", _("not positive"))]
COMPLETE = [("complete", _("complete")), ("incomplete", _("incomplete: a repair period"))]


class PreCheckForm(forms.Form):
    verdict = forms.ChoiceField(label=_("advice"), choices=YES_NO, widget=forms.RadioSelect)
    advice = forms.CharField(
        label=_("advice for the applicant"),
        widget=forms.Textarea,
        required=False,
        help_text=_("Sent to the applicant; they may apply whatever the advice."),
    )

    def __init__(self, data=None, *, application: Application):
        super().__init__(data)


class CompletenessForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("the application is"), choices=COMPLETE, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("what is missing"),
        widget=forms.Textarea,
        required=False,
        help_text=_(
            "Needed when the application is incomplete: the applicant gets this text and a repair "
            "period to complete it."
        ),
    )

    def __init__(self, data=None, *, application: Application):
        super().__init__(data)
        days = application.call.repair_days
        self.fields["verdict"].help_text = _("The repair period is %(days)s days.") % {"days": days}


class IneligibleForm(forms.Form):
    reason = forms.CharField(
        label=_("reason"),
        widget=forms.Textarea,
        required=False,
        help_text=_("Sent to the applicant, who can object to it: name the condition not met."),
    )

    def __init__(self, data=None, *, application: Application):
        super().__init__(data)


def experts():
    """Accounts of the expert team, the only people the office assigns as reviewers."""
    return (
        get_user_model()
        .objects.filter(groups__name=Role.EXPERT.value, is_active=True)
        .order_by("last_name", "first_name", "username")
        .distinct()
    )


class ReviewerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user) -> str:
        name = user.get_full_name()
        return f"{name} ({user.username})" if name else user.username


class AssignReviewersForm(forms.Form):
    reviewers = ReviewerChoiceField(
        label=_("reviewers"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Members of the expert team who are not assigned to this application yet."),
    )

    def __init__(self, data=None, *, application: Application):
        super().__init__(data)
        assigned = application.reviews.values_list("reviewer_id", flat=True)
        self.fields["reviewers"].queryset = experts().exclude(pk__in=assigned)
        if not self.fields["reviewers"].queryset.exists():
            self.fields["reviewers"].help_text = _(
                "Every member of the expert team has been assigned already. Add members to the "
                "group 'expert' under accounts to assign more."
            )


class RunForm(forms.Form):
    seed = forms.IntegerField(
        label=_("lottery seed"),
        required=False,
        min_value=0,
        max_value=2**63 - 1,
        help_text=_(
            "Leave empty for a generated seed. The seed is recorded with the run: with it, the "
            "same input always gives the same ranking."
        ),
    )


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, meeting: Meeting) -> str:
        return f"{meeting.title} ({meeting.date:%d-%m-%Y})"


class ProposeForm(forms.Form):
    run = forms.ModelChoiceField(queryset=AllocationRun.objects.none(), widget=forms.HiddenInput)
    meeting = MeetingChoiceField(
        label=_("meeting of the steering group"),
        queryset=Meeting.objects.none(),
        help_text=_("Draft meetings of the programme whose besluitenlijst is not published yet."),
    )

    def __init__(self, data=None, *, call: Call, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["run"].queryset = call.allocation_runs.all()
        self.fields["meeting"].queryset = Meeting.objects.filter(
            programme_id=call.programme_id, besluitenlijst__isnull=True
        ).order_by("date")


class GrantsForm(forms.Form):
    date = forms.DateField(label=_("date of the grant decisions"), initial=timezone.localdate)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].widget = AdminDateWidget()


class LineFormSet(BaseInlineFormSet):
    """A line's budget is charged to a pillar of the call's own programme."""

    def clean(self) -> None:
        super().clean()
        programme_id = getattr(self.instance, "programme_id", None)
        for form in self.forms:
            pillar = form.cleaned_data.get("pillar") if form.cleaned_data else None
            if pillar is not None and programme_id and pillar.programme_id != programme_id:
                form.add_error("pillar", _("This pillar belongs to another programme."))
