"""Book the decisions published before the ledger existed, as publication books them now.

Written against the historical models (no services), so that it keeps working when the models
change later. Money is attributed pro rata to the contributions: no attribution keys existed.
"""

from django.db import migrations

from regiodeal.core.money import allocate_pro_rata

WITHOUT_AMOUNT = {"afwijzing", "uitstel"}
COMMITTING = {"nieuw", "uitbreiding"}


def _amount(decision):
    if decision is None or decision.kind in WITHOUT_AMOUNT or decision.amount is None:
        return 0
    return decision.amount


def book_published(apps, schema_editor):
    Decision = apps.get_model("decisions", "Decision")
    LedgerEntry = apps.get_model("finance", "LedgerEntry")
    LedgerAllocation = apps.get_model("finance", "LedgerAllocation")
    FunderContribution = apps.get_model("programmes", "FunderContribution")

    booked = set(LedgerEntry.objects.values_list("source_decision_id", flat=True))
    decisions = (
        Decision.objects.filter(state="gepubliceerd")
        .exclude(pk__in=booked)
        .select_related("meeting", "corrects", "project")
        .order_by("published_at", "pk")
    )

    def book(root, source, kind, amount, pillar_id, description):
        entry = LedgerEntry.objects.create(
            programme_id=root.meeting.programme_id,
            pillar_id=pillar_id,
            project_id=root.project_id,
            decision=root,
            source_decision=source,
            kind=kind,
            amount=amount,
            booked_on=source.meeting.date,
            description=description[:300],
        )
        weights = list(
            FunderContribution.objects.filter(programme_id=root.meeting.programme_id)
            .order_by("pk")
            .values_list("organisation_id", "amount")
        )
        if weights:
            parts = allocate_pro_rata(amount, [w for _, w in weights])
            LedgerAllocation.objects.bulk_create(
                LedgerAllocation(entry=entry, organisation_id=org, amount=part)
                for (org, _), part in zip(weights, parts, strict=True)
                if part
            )

    for decision in decisions:
        heading = decision.title or decision.project.title
        if decision.corrects_id:
            root = decision
            while root.corrects_id:
                root = Decision.objects.select_related("meeting").get(pk=root.corrects_id)
            previous = decision.corrects
            if previous.pillar_id == decision.pillar_id:
                movements = [(decision.pillar_id, _amount(decision) - _amount(previous))]
            else:
                movements = [
                    (previous.pillar_id, -_amount(previous)),
                    (decision.pillar_id, _amount(decision)),
                ]
            for pillar_id, change in movements:
                if change:
                    book(root, decision, "wijziging", change, pillar_id, f"Correctie: {heading}")
        elif decision.kind in COMMITTING and decision.amount:
            book(
                decision, decision, "verplichting", decision.amount, decision.pillar_id,
                f"Verplichting: {heading}",
            )
        elif decision.kind == "budgetwijziging" and decision.amount:
            book(
                decision, decision, "wijziging", decision.amount, decision.pillar_id,
                f"Budgetwijziging: {heading}",
            )


class Migration(migrations.Migration):
    dependencies = [
        ("finance", "0001_initial"),
        ("decisions", "0003_optimistic_locking"),
        ("programmes", "0002_optimistic_locking"),
    ]

    operations = [migrations.RunPython(book_published, migrations.RunPython.noop)]
