from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from regiodeal.decisions.constants import DecisionKind
from regiodeal.programmes.models import Programme
from regiodeal.projects.models import Project

from .readers import SUPPORTED_EXTENSIONS


class UploadForm(forms.Form):
    programme = forms.ModelChoiceField(Programme.objects.all(), label=_("Programme"))
    file = forms.FileField(
        label=_("Decision list"),
        help_text=_("Text, Markdown, HTML, PDF, DOCX or ODT."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(sorted(SUPPORTED_EXTENSIONS))}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.REGIODEAL_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("This file is %(size)s; the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        return upload


class ReviewDecisionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=DecisionKind.choices)
    amount = forms.DecimalField(
        label=_("Amount"), max_digits=14, decimal_places=2, required=False, localize=True
    )
    project = forms.ModelChoiceField(Project.objects.none(), label=_("Project"))
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    adopt = forms.BooleanField(label=_("Adopt"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = programme.projects.order_by("title")
