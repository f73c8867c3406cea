"""The published amount and date of decision kept with each project, and filled for the
projects published before (one UPDATE, also at a million decisions)."""

from decimal import Decimal

from django.db import migrations, models
from django.db.models import Max, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

PUBLISHED = "gepubliceerd"


def fill_published_figures(apps, schema_editor):
    # As decisions.selectors.published_figures computes them, on the historical models.
    project_model = apps.get_model("projects", "Project")
    decision_model = apps.get_model("decisions", "Decision")
    published = decision_model.objects.filter(state=PUBLISHED)
    superseded = published.filter(corrects__isnull=False).values("corrects_id")
    of_project = published.filter(project=OuterRef("pk")).values("project")
    amount = of_project.exclude(pk__in=superseded).annotate(total=Sum("amount")).values("total")
    latest = of_project.annotate(last=Max("meeting__date")).values("last")
    money = models.DecimalField(max_digits=14, decimal_places=2)
    project_model.objects.update(
        decided_amount=Coalesce(Subquery(amount, output_field=money), Value(Decimal(0))),
        last_decided_on=Subquery(latest),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0001_initial"),
        ("programmes", "0003_programme_look_and_membership"),
        ("projects", "0002_indexes_for_national_scale"),
        ("decisions", "0005_meeting_date_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalproject",
            name="decided_amount",
            field=models.DecimalField(
                decimal_places=2,
                default=Decimal("0"),
                editable=False,
                help_text="The sum of the published decisions that count (corrections replace).",
                max_digits=14,
                verbose_name="amount decided",
            ),
        ),
        migrations.AddField(
            model_name="historicalproject",
            name="last_decided_on",
            field=models.DateField(
                editable=False,
                help_text="The date of the meeting of the latest published decision.",
                null=True,
                verbose_name="last decided on",
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="decided_amount",
            field=models.DecimalField(
                decimal_places=2,
                default=Decimal("0"),
                editable=False,
                help_text="The sum of the published decisions that count (corrections replace).",
                max_digits=14,
                verbose_name="amount decided",
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="last_decided_on",
            field=models.DateField(
                editable=False,
                help_text="The date of the meeting of the latest published decision.",
                null=True,
                verbose_name="last decided on",
            ),
        ),
        migrations.AddIndex(
            model_name="project",
            index=models.Index(
                fields=["-decided_amount", "title", "id"], name="project_decided_amount_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="project",
            index=models.Index(
                fields=["-last_decided_on", "title", "id"], name="project_last_decided_idx"
            ),
        ),
        migrations.RunPython(fill_published_figures, migrations.RunPython.noop, elidable=True),
    ]
