from decimal import Decimal

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regiodeal.core.links import slug_url
from regiodeal.organisations.models import Municipality, Organisation
from regiodeal.programmes.models import Pillar, Programme, Theme

from .constants import ProjectStatus

_STATUS_LABELS = dict(ProjectStatus.choices)


class ProjectQuerySet(models.QuerySet):
    def public(self) -> "ProjectQuerySet":
        """Projects the public may see: those with at least one published decision."""
        decision_model = apps.get_model("decisions", "Decision")
        return self.filter(
            models.Exists(decision_model.objects.published().filter(project=models.OuterRef("pk")))
        )


class Project(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="projects", verbose_name=_("programme")
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    description = models.TextField(_("description"), blank=True)
    pillar = models.ForeignKey(
        Pillar,
        on_delete=models.PROTECT,
        related_name="projects",
        null=True,
        blank=True,
        verbose_name=_("pillar"),
    )
    themes = models.ManyToManyField(
        Theme, related_name="projects", blank=True, verbose_name=_("themes")
    )
    lead_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="led_projects",
        null=True,
        blank=True,
        verbose_name=_("lead organisation"),
    )
    partners = models.ManyToManyField(
        Organisation, related_name="partner_projects", blank=True, verbose_name=_("partners")
    )
    places = models.ManyToManyField(
        Municipality, related_name="projects", blank=True, verbose_name=_("places")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.IDEE
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="extensions",
        null=True,
        blank=True,
        verbose_name=_("parent project"),
        help_text=_("The project this one extends or continues."),
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # What the published decisions say, kept with the project when a besluitenlijst is
    # published (decisions.services.publish_besluitenlijst): the public lists sort and filter
    # by them, and computing them per project at query time made sorting a national list by
    # amount or date take seconds.
    decided_amount = models.DecimalField(
        _("amount decided"),
        max_digits=14,
        decimal_places=2,
        default=Decimal(0),
        editable=False,
        help_text=_("The sum of the published decisions that count (corrections replace)."),
    )
    last_decided_on = models.DateField(
        _("last decided on"),
        null=True,
        editable=False,
        help_text=_("The date of the meeting of the latest published decision."),
    )
    history = HistoricalRecords(m2m_fields=[themes, partners, places])

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        indexes = [
            models.Index(fields=["programme", "status"]),
            # A programme's most recent projects (similar projects) and the list by title.
            models.Index(fields=["programme", "id"], name="project_programme_id_idx"),
            models.Index(fields=["title", "id"], name="project_title_id_idx"),
            # The public list sorted by amount and by date of decision.
            models.Index(
                fields=["-decided_amount", "title", "id"], name="project_decided_amount_idx"
            ),
            models.Index(
                fields=["-last_decided_on", "title", "id"], name="project_last_decided_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_end__isnull=True)
                | models.Q(planned_start__isnull=True)
                | models.Q(planned_end__gte=models.F("planned_start")),
                name="project_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return slug_url("portal:project", self.slug)

    def get_status_display(self) -> str:
        # Django's own version builds a dict of every choice on each call (make_hashable over
        # the choices); public lists show twenty to sixty projects a page.
        return str(_STATUS_LABELS.get(self.status, self.status))

    def clean(self) -> None:
        errors = {}
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("The project cannot end before it starts.")
        if self.pillar_id and self.programme_id and self.pillar.programme_id != self.programme_id:
            errors["pillar"] = _("The pillar belongs to another programme.")
        if self.parent_id:
            if self.parent_id == self.pk:
                errors["parent"] = _("A project cannot extend itself.")
            elif self.programme_id and self.parent.programme_id != self.programme_id:
                errors["parent"] = _("The parent project belongs to another programme.")
        if errors:
            raise ValidationError(errors)
