"""A sitemap of every published document, with DiWoo metadata (Woo).

The sitemap follows sitemaps.org; each ``<url>`` carries a ``diwoo:Document`` with the DiWoo
metadata standard's ``diwoo:DiWoo`` block (https://standaarden.overheid.nl/diwoo/metadata/), so
that the national Woo index (KOOP's Open Overheid) can harvest the documents. One sitemap serves
both search engines and DiWoo harvesters: the extension elements are ignored by the former.

Information categories (TOOI kern thesaurus):

* a besluitenlijst of the steering group: "Agenda's en besluitenlijsten bestuurscolleges"
  (c_3a248e3a); the steering group is the programme's governing board. Not "Vergaderstukken
  decentrale overheden", which is for the documents of councils and provincial states;
* an issued beschikking: "Beschikkingen" (c_46a81018);
* an uitvoeringsprogramma: "Jaarplannen en jaarverslagen" (c_c6cd1213).
"""

import datetime
import xml.etree.ElementTree as ET  # nosec B405: we write XML, we never parse any
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from regiodeal.decisions.selectors import published_besluitenlijsten
from regiodeal.finance.models import GrantDecision
from regiodeal.monitoring.selectors import programme_years
from regiodeal.organisations.models import Organisation
from regiodeal.programmes.models import Programme

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
DIWOO_NS = "https://standaarden.overheid.nl/diwoo/metadata/"
TOOI_KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"
DEFAULT_PUBLISHER_TOOI = "https://identifier.overheid.nl/tooi/id/provincie/pv22"
LANGUAGE_NL = "http://publications.europa.eu/resource/authority/language/NLD"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
# The kind of handling a document's date stands for: vaststelling (adoption).
VASTSTELLING = TOOI_KERN + "c_641ecd76"


@dataclass(frozen=True)
class Category:
    uri: str
    label: str


BESLUITENLIJST = Category(TOOI_KERN + "c_3a248e3a", "agenda's en besluitenlijsten bestuurscolleges")
BESCHIKKING = Category(TOOI_KERN + "c_46a81018", "beschikkingen")
JAARPLAN = Category(TOOI_KERN + "c_c6cd1213", "jaarplannen en jaarverslagen")


@dataclass(frozen=True)
class Document:
    location: str  # a path; made absolute when written
    title: str
    category: Category
    created: datetime.date
    file_type: str  # HTML, PDF
    modified: datetime.date | None = None


def publisher() -> tuple[str, str]:
    """The TOOI URI of the publishing organisation and its name (from the organisations
    register when it is there)."""
    uri = getattr(settings, "REGIODEAL_PUBLISHER_TOOI", "") or DEFAULT_PUBLISHER_TOOI
    organisation = Organisation.objects.filter(tooi_uri=uri).only("name").first()
    return uri, organisation.name if organisation else settings.REGIODEAL_SITE_NAME


def published_documents(today: datetime.date | None = None) -> list[Document]:
    """Every published document: each besluitenlijst as a page and as PDF, each issued
    beschikking letter, and each programme's uitvoeringsprogramma for each year begun so far."""
    today = today or timezone.localdate()
    documents: list[Document] = []
    lists = list(published_besluitenlijsten())
    for besluitenlijst in lists:
        slug = besluitenlijst.meeting.slug
        published = timezone.localdate(besluitenlijst.published_at)
        common = {
            "title": besluitenlijst.title,
            "category": BESLUITENLIJST,
            "created": besluitenlijst.meeting.date,
            "modified": published,
        }
        documents.append(
            Document(reverse("portal:besluitenlijst", args=[slug]), file_type="HTML", **common)
        )
        documents.append(
            Document(
                reverse("portal:besluitenlijst_download", args=[slug, "pdf"]),
                file_type="PDF",
                **common,
            )
        )
    grants = (
        GrantDecision.objects.filter(issued_at__isnull=False)
        .select_related("project")
        .order_by("date", "reference")
    )
    for grant in grants:
        documents.append(
            Document(
                reverse("finance:grant-letter", args=[grant.reference, "pdf"]),
                title=f"Beschikking subsidieverlening {grant.reference}: {grant.project.title}",
                category=BESCHIKKING,
                created=grant.date,
                modified=timezone.localdate(grant.issued_at),
                file_type="PDF",
            )
        )
    programmes = Programme.objects.filter(
        pk__in={besluitenlijst.meeting.programme_id for besluitenlijst in lists}
    ).order_by("start_date", "pk")
    for programme in programmes:
        for year in programme_years(programme):
            if year > today.year:
                break
            documents.append(
                Document(
                    reverse("monitoring:uitvoeringsprogramma", args=[programme.slug, year]),
                    title=f"Uitvoeringsprogramma {programme.name} {year}",
                    category=JAARPLAN,
                    created=min(today, datetime.date(year, 12, 31)),
                    file_type="HTML",
                )
            )
    return documents


def _sub(parent: ET.Element, tag: str, text: str = "", **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text:
        element.text = text
    return element


def sitemap_xml(documents: list[Document], absolute: Callable[[str], str]) -> bytes:
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("diwoo", DIWOO_NS)
    s = f"{{{SITEMAP_NS}}}"
    d = f"{{{DIWOO_NS}}}"
    resource = "resource"  # unqualified, as in the standard's examples
    publisher_uri, publisher_name = publisher()
    urlset = ET.Element(f"{s}urlset")
    for document in documents:
        url = _sub(urlset, f"{s}url")
        _sub(url, f"{s}loc", absolute(document.location))
        if document.modified:
            _sub(url, f"{s}lastmod", document.modified.isoformat())
        diwoo = _sub(_sub(url, f"{d}Document"), f"{d}DiWoo")
        _sub(diwoo, f"{d}publisher", publisher_name, **{resource: publisher_uri})
        _sub(diwoo, f"{d}verantwoordelijke", publisher_name, **{resource: publisher_uri})
        _sub(_sub(diwoo, f"{d}titelcollectie"), f"{d}officieleTitel", document.title)
        categories = _sub(_sub(diwoo, f"{d}classificatiecollectie"), f"{d}informatiecategorieen")
        _sub(
            categories,
            f"{d}informatiecategorie",
            document.category.label,
            **{resource: document.category.uri},
        )
        _sub(diwoo, f"{d}creatiedatum", document.created.isoformat())
        _sub(diwoo, f"{d}language", "Nederlands", **{resource: LANGUAGE_NL})
        _sub(
            diwoo,
            f"{d}format",
            document.file_type.lower(),
            **{resource: FILE_TYPE + document.file_type},
        )
        handling = _sub(_sub(diwoo, f"{d}documenthandelingen"), f"{d}documenthandeling")
        _sub(handling, f"{d}soortHandeling", "vaststelling", **{resource: VASTSTELLING})
        _sub(handling, f"{d}atTime", f"{document.created.isoformat()}T00:00:00")
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True)


def sitemap(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        sitemap_xml(published_documents(), request.build_absolute_uri),
        content_type="application/xml; charset=utf-8",
    )
