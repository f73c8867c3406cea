"""Forms of the applicant's pages: they read and check input; the services decide and save."""

import re
from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from regiodeal.core.forms import DutchDecimalField
from regiodeal.core.money import format_number
from regiodeal.organisations.models import Municipality, Organisation
from regiodeal.programmes.models import MONEY

from .applicant import ApplicationInput, NewOrganisation
from .constants import ATTACHMENT_EXTENSIONS
from .models import Application, Call, ProgrammeLine

KVK = RegexValidator(r"^\d{8}$", _("A KvK number has eight digits."))
# "Stichting Buurtkracht" or "Stichting Buurtkracht, 12345678": a name, then perhaps a KvK number.
PARTNER_LINE = re.compile(r"^(?P<name>.+?)(?:\s*[,;]\s*(?P<kvk>\d{8}))?$")


class DutchAmountField(DutchDecimalField):
    """An amount in euros as Dutch people type it: ``1.234.567,89``, ``€ 480.000``, ``25000,-``."""

    default_error_messages = {"invalid": _("Enter an amount in euros, such as 1.234.567,89.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", MONEY["max_digits"])
        kwargs.setdefault("decimal_places", MONEY["decimal_places"])
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            pattern = "#,##0" if value == value.to_integral_value() else "#,##0.00"
            return format_number(value, pattern)
        return value


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} (KvK {obj.kvk_number})" if obj.kvk_number else obj.name


class OrganisationsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return OrganisationChoiceField.label_from_instance(self, obj)


class IdeaForm(forms.Form):
    title = forms.CharField(label=_("Title of your idea"), max_length=300)
    idea = forms.CharField(
        label=_("Your idea"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What you want to do, for whom, and why."),
    )
    line = forms.ModelChoiceField(
        label=_("Preferred programme line"),
        queryset=ProgrammeLine.objects.none(),
        required=False,
        empty_label=_("No preference yet"),
        help_text=_("Optional: the programme line you think your idea fits best."),
    )

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = call.lines.all()


class ApplicationForm(forms.Form):
    """The application as the applicant writes it; empty fields are allowed until submission."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    line = forms.ModelChoiceField(
        label=_("Programme line"),
        queryset=ProgrammeLine.objects.none(),
        required=False,
        empty_label=_("Choose a programme line"),
    )
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("A few sentences; used in the decision list if the project is funded."),
    )
    description = forms.CharField(
        label=_("Project plan"),
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        help_text=_("Background, approach, planning, results, and how you measure them."),
    )
    lead_organisation = OrganisationChoiceField(
        label=_("Existing organisation"),
        queryset=Organisation.objects.all(),
        required=False,
        empty_label=_("Not in the list"),
    )
    new_lead_name = forms.CharField(
        label=_("Or the name of a new organisation"), max_length=255, required=False
    )
    new_lead_kvk = forms.CharField(
        label=_("KvK number of the new organisation"),
        max_length=8,
        required=False,
        validators=[KVK],
        help_text=_("Optional; eight digits."),
    )
    partners = OrganisationsChoiceField(
        label=_("Existing organisations"),
        queryset=Organisation.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (Cmd on a Mac) to choose more than one."),
    )
    new_partners = forms.CharField(
        label=_("Other partners"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_(
            "One per line; add the KvK number after a comma if you know it, for example "
            "“Stichting Buurtkracht, 12345678”."
        ),
    )
    places = forms.ModelMultipleChoiceField(
        label=_("Municipalities where the project takes place"),
        queryset=Municipality.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("Hold Ctrl (Cmd on a Mac) to choose more than one."),
    )
    eligible_costs = DutchAmountField(
        label=_("Eligible costs"),
        required=False,
        min_value=Decimal("0.01"),
        help_text=_("In euros, for example 250.000 or 1.234.567,89."),
    )
    co_financing = DutchAmountField(
        label=_("Co-financing"),
        required=False,
        min_value=Decimal("0"),
        help_text=_("What you and your partners contribute, in euros."),
    )
    requested_amount = DutchAmountField(
        label=_("Requested amount"),
        required=False,
        min_value=Decimal("0.01"),
        help_text=_("The subsidy you ask for, in euros."),
    )

    # Fields whose names match the model's, so that a model's errors land on the right field.
    MODEL_FIELDS = (
        "line",
        "summary",
        "description",
        "lead_organisation",
        "partners",
        "places",
        "eligible_costs",
        "co_financing",
        "requested_amount",
    )

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = call.lines.all()

    @classmethod
    def initial_for(cls, application: Application) -> dict:
        return {
            "loaded_version": application.version,
            "line": application.line_id,
            "summary": application.summary,
            "description": application.description,
            "lead_organisation": application.lead_organisation_id,
            "partners": [o.pk for o in application.partners.all()],
            "places": [m.pk for m in application.places.all()],
            "eligible_costs": application.eligible_costs,
            "co_financing": application.co_financing,
            "requested_amount": application.requested_amount,
        }

    def clean_new_partners(self) -> list[NewOrganisation]:
        found = []
        for line in self.cleaned_data["new_partners"].splitlines():
            if not line.strip():
                continue
            match = PARTNER_LINE.match(line.strip())
            name = match["name"].strip()
            if len(name) > 255:
                raise ValidationError(
                    _("The name “%(name)s…” is too long."), params={"name": name[:40]}
                )
            found.append(NewOrganisation(name=name, kvk_number=match["kvk"] or ""))
        return found

    def clean(self):
        cleaned = super().clean()
        chosen, name = cleaned.get("lead_organisation"), cleaned.get("new_lead_name", "").strip()
        if chosen and name:
            self.add_error(
                "new_lead_name",
                _("Choose an existing organisation or type the name of a new one, not both."),
            )
        if cleaned.get("new_lead_kvk") and not name:
            self.add_error("new_lead_kvk", _("Type the name of the new organisation too."))
        return cleaned

    def application_input(self) -> ApplicationInput:
        data = self.cleaned_data
        name = data["new_lead_name"].strip()
        lead = NewOrganisation(name, data["new_lead_kvk"]) if name else data["lead_organisation"]
        return ApplicationInput(
            line=data["line"],
            summary=data["summary"],
            description=data["description"],
            lead_organisation=lead,
            partners=[*data["partners"], *data["new_partners"]],
            places=list(data["places"]),
            eligible_costs=data["eligible_costs"],
            co_financing=data["co_financing"],
            requested_amount=data["requested_amount"],
        )


class AttachmentForm(forms.Form):
    """Shown on the application's page beside the application form: its own ids avoid a clash
    of the two description fields."""

    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word (docx), OpenDocument (odt, ods), Excel (xlsx), PNG or JPEG."),
        widget=forms.FileInput(
            attrs={"accept": ",".join(f".{extension}" for extension in ATTACHMENT_EXTENSIONS)}
        ),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=200,
        required=False,
        help_text=_("For example “Budget per year” or “Letter of support from the municipality”."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "bijlage_%s")
        super().__init__(*args, **kwargs)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you withdraw the application?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Optional; it helps the programme office."),
    )


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("You log in with it, and we send every message about your application to it."),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per form, so that the validators' rules come in the visitor's language.
        rules = password_validation.password_validators_help_text_html()
        self.fields["password1"].help_text = rules

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first and cleaned.get("email"):
            # The validators compare the password with the name and address, as for any user.
            user = get_user_model()(
                username=cleaned["email"], email=cleaned["email"], first_name=cleaned.get("name")
            )
            try:
                password_validation.validate_password(first, user)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ApplicantLoginForm(AuthenticationForm):
    """Django's login form (django-axes counts its failures); an address is matched lower-case,
    as registration stores it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address or user name")

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        return username.lower() if "@" in username else username


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: on a field the form has, or above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
