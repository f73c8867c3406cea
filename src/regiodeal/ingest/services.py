"""Import of decision lists: a file becomes a draft meeting with concept decisions to review.

Nothing is adopted or published here: the office reviews every proposed decision first.
"""

import datetime
import hashlib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from regiodeal.core.errors import DomainError
from regiodeal.decisions import services as decision_services
from regiodeal.decisions.constants import DecisionKind
from regiodeal.decisions.models import Decision
from regiodeal.organisations.models import Municipality, Organisation
from regiodeal.programmes.models import Programme
from regiodeal.projects.constants import ProjectStatus
from regiodeal.projects.models import Project
from regiodeal.projects.services import unique_project_slug

from .contract import to_contract
from .errors import FileTooLargeError
from .extract import ExtractedDecision, Extraction, extract
from .kinds import Kind
from .models import DecisionEvidence, SourceDocument
from .readers import read_bytes

KIND_TO_DECISION = {
    Kind.NEW: DecisionKind.NIEUW,
    Kind.EXTENSION: DecisionKind.UITBREIDING,
    Kind.REJECTION: DecisionKind.AFWIJZING,
    Kind.DEFERRAL: DecisionKind.UITSTEL,
    Kind.BUDGET_CHANGE: DecisionKind.BUDGETWIJZIGING,
    Kind.UNKNOWN: DecisionKind.NIEUW,
}


@dataclass(frozen=True)
class ImportResult:
    source: SourceDocument
    created: bool

    @property
    def decision_count(self) -> int:
        return self.source.evidence.count()


def ensure_within_limit(size: int, filename: str) -> None:
    """Refuse a file above the import limit before its content is read into memory."""
    limit = settings.REGIODEAL_IMPORT_MAX_BYTES
    if size > limit:
        raise FileTooLargeError(
            _("%(file)s is %(size)s; files up to %(limit)s can be imported.")
            % {"file": filename, "size": filesizeformat(size), "limit": filesizeformat(limit)}
        )


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def import_document(
    *, programme: Programme, data: bytes, filename: str, user: AbstractBaseUser | None = None
) -> ImportResult:
    """Read, extract and store one file; the same file twice gives the first import back.

    Raises an IngestError (with a Dutch message) for a file that cannot be read; then nothing
    is stored.
    """
    ensure_within_limit(len(data), filename)
    digest = content_hash(data)
    existing = SourceDocument.objects.filter(programme=programme, sha256=digest).first()
    if existing is not None:
        return ImportResult(source=existing, created=False)
    document = read_bytes(data, filename)
    extraction = extract(document, pillars=[p.name for p in programme.pillars.all()])
    source = SourceDocument(
        programme=programme,
        original_name=filename[:255],
        sha256=digest,
        format=document.format,
        size=len(data),
        text=document.text,
        extracted_title=(extraction.title or "")[:300],
        extracted_date=extraction.date or "",
        uploaded_by=user,
    )
    # Stored under its content hash: no name from outside reaches the file system, and the
    # original name stays in the record.
    suffix = PurePath(filename).suffix.lower()[:10]
    source.file.save(f"{digest}{suffix}", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            source.meeting = _draft_meeting(programme, extraction, filename, user)
            source.save()
            for found in extraction.decisions:
                _draft_decision(source, found, user)
    except IntegrityError:
        # The same file imported at the same moment (a double click): the other one won.
        source.file.delete(save=False)
        return ImportResult(
            source=SourceDocument.objects.get(programme=programme, sha256=digest), created=False
        )
    except BaseException:
        # The database rolled back; the stored copy of the file must not outlive it.
        source.file.delete(save=False)
        raise
    return ImportResult(source=source, created=True)


def _draft_meeting(programme: Programme, extraction: Extraction, filename: str, user):
    date = _meeting_date(extraction.date)
    meeting = decision_services.create_meeting(
        programme=programme, date=date or timezone.localdate(), user=user
    )
    note = _("Imported from %(file)s.") % {"file": filename}
    if date is None:
        note += " " + _("The file states no date: check the meeting date.")
    meeting.notes = note
    meeting.save()
    return meeting


def _meeting_date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    return datetime.date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)


def _draft_decision(source: SourceDocument, found: ExtractedDecision, user) -> Decision:
    programme = source.programme
    project, created = _project_for(programme, found)
    kind = KIND_TO_DECISION[found.kind]
    amount = None if kind in (DecisionKind.AFWIJZING, DecisionKind.UITSTEL) else found.amount
    if amount is not None and kind != DecisionKind.BUDGETWIJZIGING and amount <= 0:
        amount = None
    decision = decision_services.create_decision(
        meeting=source.meeting,
        project=project,
        kind=kind,
        amount=amount,
        text=found.description,
        title=found.title[:300],
        user=user,
    )
    contract = to_contract(Extraction(source.original_name, None, None, None, None, [found]))
    DecisionEvidence.objects.create(
        decision=decision,
        source=source,
        created_project=project if created else None,
        title_start=found.title_span[0] if found.title_span else None,
        title_end=found.title_span[1] if found.title_span else None,
        amount_start=found.amount_span[0] if found.amount_span else None,
        amount_end=found.amount_span[1] if found.amount_span else None,
        text_start=found.description_span[0] if found.description_span else None,
        text_end=found.description_span[1] if found.description_span else None,
        confidence=Decimal(str(found.confidence)).quantize(Decimal("0.01")),
        approximate=found.approximate,
        extracted=contract["decisions"][0],
    )
    return decision


def _project_for(programme: Programme, found: ExtractedDecision) -> tuple[Project, bool]:
    """An existing project of the programme with this title, or a new nominated one."""
    existing = programme.projects.filter(title__iexact=found.title).first()
    if existing is not None:
        return existing, False
    pillar = programme.pillars.filter(name__iexact=found.pillar).first() if found.pillar else None
    project = Project.objects.create(
        programme=programme,
        title=found.title[:300],
        slug=unique_project_slug(found.title),
        description=found.description,
        pillar=pillar,
        status=ProjectStatus.VOORGEDRAGEN,
    )
    codes = [code for _name, code in found.places if code]
    project.places.set(Municipality.objects.filter(code__in=codes))
    project.partners.set(Organisation.objects.filter(name__in=found.organisations))
    return project, True


@transaction.atomic
def relink_decision(
    decision: Decision, *, project: Project, user: AbstractBaseUser | None = None
) -> Decision:
    """Point an imported draft at another project, e.g. the existing one it extends.

    A project the import created for this decision alone is removed again.
    """
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    evidence = getattr(decision, "evidence", None)
    previous = decision.project
    decision.project = project
    decision.pillar = project.pillar
    if project.programme_id != decision.meeting.programme_id:
        raise DomainError(_("The project belongs to another programme."))
    decision._history_user = user
    decision.save()
    if evidence and evidence.created_project_id == previous.pk and not previous.decisions.exists():
        evidence.created_project = None
        evidence.save(update_fields=["created_project"])
        previous.delete()
    return decision
