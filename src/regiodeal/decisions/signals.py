"""Points where other apps take part in the decision workflow without the workflow knowing them.

Receivers run inside the workflow's transaction: one that raises a DomainError refuses the step
and nothing of it is stored.
"""

from django.dispatch import Signal

# Sent with ``decision`` (about to become vastgesteld) and ``user``.
decision_adopting = Signal()
# Sent with ``meeting``, ``decisions`` (now gepubliceerd, in list order) and ``user``.
besluitenlijst_published = Signal()
