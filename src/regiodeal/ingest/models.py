from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regiodeal.decisions.models import Decision, Meeting
from regiodeal.programmes.models import Programme


class SourceDocument(models.Model):
    """An imported file, kept as it was received, with the text the extractor read from it."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="sources", verbose_name=_("programme")
    )
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    format = models.CharField(_("format"), max_length=10)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    text = models.TextField(_("text as read"), editable=False)
    extracted_title = models.CharField(_("title found"), max_length=300, blank=True)
    extracted_date = models.CharField(_("date found"), max_length=10, blank=True)
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="sources",
        null=True,
        blank=True,
        verbose_name=_("meeting"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    uploaded_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("imported document")
        verbose_name_plural = _("imported documents")
        constraints = [
            # The same file imported twice into one programme is the same import.
            models.UniqueConstraint(fields=["programme", "sha256"], name="one_import_per_file"),
        ]

    def __str__(self) -> str:
        return self.original_name


class DecisionEvidence(models.Model):
    """Where an imported decision's fields were found in its source, and how sure that is."""

    decision = models.OneToOneField(
        Decision, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("decision")
    )
    source = models.ForeignKey(
        SourceDocument, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("source")
    )
    title_start = models.PositiveIntegerField(null=True, blank=True)
    title_end = models.PositiveIntegerField(null=True, blank=True)
    amount_start = models.PositiveIntegerField(null=True, blank=True)
    amount_end = models.PositiveIntegerField(null=True, blank=True)
    text_start = models.PositiveIntegerField(null=True, blank=True)
    text_end = models.PositiveIntegerField(null=True, blank=True)
    created_project = models.ForeignKey(
        "projects.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The project the import created for this decision, if it created one."),
    )
    confidence = models.DecimalField(_("confidence"), max_digits=3, decimal_places=2)
    approximate = models.BooleanField(_("approximate amount"), default=False)
    extracted = models.JSONField(_("as extracted"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return f"{self.decision} ← {self.source}"
