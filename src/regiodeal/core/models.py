"""Optimistic locking for records that several people edit: decisions and budgets."""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from .errors import DomainError


class ConcurrentEditError(DomainError):
    """Someone else saved the record after it was loaded; this save would overwrite that."""


STALE = _(
    "Someone else changed this record after you opened it. Reload it, check their change and "
    "make yours again."
)


class VersionedModel(models.Model):
    """A ``version`` that every save raises by one, refused when it is not the one loaded.

    The check and the raise are one conditional UPDATE, so two concurrent saves of the same
    version cannot both pass, on SQLite and PostgreSQL alike.
    """

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self._state.adding or self.pk is None:
            super().save(*args, **kwargs)
            return
        with transaction.atomic():
            claimed = (
                type(self)
                ._base_manager.filter(pk=self.pk, version=self.version)
                .update(version=self.version + 1)
            )
            if not claimed:
                raise ConcurrentEditError(STALE, code="stale")
            self.version += 1
            super().save(*args, **kwargs)


def with_history_user(instance, user):
    """The instance, with the acting user for its django-simple-history record.

    Outside a request simple-history reads the user from this attribute; an anonymous user (a
    public form, a management command) is recorded as no one.
    """
    instance._history_user = user if user is not None and user.is_authenticated else None
    return instance
