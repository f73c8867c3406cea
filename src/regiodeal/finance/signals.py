"""The finance app's part in the decision workflow."""

from django.dispatch import receiver

from regiodeal.decisions.signals import besluitenlijst_published, decision_adopting

from . import services


@receiver(decision_adopting, dispatch_uid="finance-check-correction")
def refuse_correction_below_grant(sender, decision, user=None, **kwargs) -> None:
    services.check_against_grants(decision)


@receiver(besluitenlijst_published, dispatch_uid="finance-book-commitments")
def book_commitments(sender, meeting, decisions, user=None, **kwargs) -> None:
    services.book_published_decisions(decisions, user=user)
