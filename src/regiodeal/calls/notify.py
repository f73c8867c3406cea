"""Messages to applicants and reviewers: e-mailed through Django's mail backend and kept."""

import logging

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction

from .models import Application, Notification


def notify(
    recipient: AbstractBaseUser,
    subject: str,
    body: str,
    *,
    application: Application | None = None,
) -> Notification:
    """Keep the message and send it once the surrounding transaction has committed.

    Sending after commit means a refused step never mails anyone about a change that did not
    happen; the kept copy is what the applicant sees on their status page either way.
    """
    notification = Notification.objects.create(
        application=application, recipient=recipient, subject=subject, body=body
    )
    if recipient.email:
        transaction.on_commit(lambda: _send(subject, body, recipient.email))
    return notification


logger = logging.getLogger(__name__)


def _send(subject: str, body: str, address: str) -> None:
    # A mail server that is down must not undo a submitted application: the message is kept
    # and shown on the status page, and the failure is logged for the office.
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    except Exception:
        logger.exception("Could not send '%s' to %s", subject, address)
