"""Learning across projects: recurring intervention elements, similar projects, lessons learned.

Text is compared on Dutch word stems, so that "project" finds "projecten" and "senior" finds
"senioren". The stems come from Snowball's Dutch stemmer (the ``snowballstemmer`` package);
where that is not installed every word is its own stem, and matching is on whole words only.
Only public projects and accepted reports are ever read here: every page that uses this module
is public.
"""

import datetime
import math
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from django.db.models import Exists, OuterRef, QuerySet

from regiodeal.portal.caching import cached_aggregate
from regiodeal.programmes.models import Programme
from regiodeal.projects.models import Project

from .constants import ReportState
from .models import InterventionElement, ProgressReport
from .progress import mean_achievement
from .selectors import ProjectMonitoring, monitoring_at, with_monitoring

# Cosine similarity below which two projects are not called similar: below it they share
# little more than the words every project uses.
SIMILARITY_THRESHOLD = 0.1
SIMILAR_LIMIT = 3
# Projects compared with one project page: its programme's most recent ones. TF-IDF over every
# public project would grow with the instance (a national one holds hundreds of thousands);
# within one programme the nearest neighbours are the useful ones anyway.
SIMILAR_CANDIDATES = 250

_WORD = re.compile(r"[^\W_]+")
# Function words that say nothing about what a project does. Frequent content words ("project",
# "regio") need no list: the inverse document frequency weighs them down.
_STOPWORDS = """
    aan al alle als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus
    een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand
    iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog
    nu of om omdat ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want
    waren was wat we wel werd wezen wie wij wil worden wordt zal ze zelf zich zij zijn zo zonder
    zou
"""
STOPWORDS = frozenset(_STOPWORDS.split())


# ------------------------------------------------------------------------------- words


def _load_stemmer():
    try:
        import snowballstemmer
    except ImportError:
        return None
    return snowballstemmer.stemmer("dutch")


_stemmer = _load_stemmer()
_stemmer_lock = threading.Lock()
STEMMING = _stemmer is not None


def normalise(word: str) -> str:
    """Lower case without diacritics: "Materiële" and "materiele" are one word."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The Dutch stem of a normalised word; the word itself when no stemmer is installed.

    The one place to swap the stemming for another library.
    """
    if _stemmer is None:
        return word
    with _stemmer_lock:  # a Snowball stemmer keeps state between calls
        return _stemmer.stemWord(word)


@lru_cache(maxsize=200_000)
def _key(token: str) -> str | None:
    # Cached per token, not only per stem: the same words recur in every text, and
    # normalising them (casefold, decompose, strip accents) was most of the time a corpus of
    # a few hundred projects took to read.
    word = normalise(token)
    if len(word) < 2 or word in STOPWORDS:
        return None
    return stem(word)


def terms(text: str) -> list[str]:
    """The stems of the words that carry meaning, in order, repeats kept."""
    return [key for token in _WORD.findall(text) if (key := _key(token))]


def highlight(text: str, wanted: set[str]) -> tuple[tuple[str, bool], ...]:
    """The text in pieces, each marked whether it is a word whose stem is wanted."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in _WORD.finditer(text):
        if _key(match.group()) in wanted:
            if match.start() > position:
                pieces.append((text[position : match.start()], False))
            pieces.append((match.group(), True))
            position = match.end()
    if position < len(text):
        pieces.append((text[position:], False))
    return tuple(pieces)


# ------------------------------------------------------------------------- similarity


def tf_idf(documents: dict[int, list[str]]) -> dict[int, dict[str, float]]:
    """A unit-length TF-IDF vector per document (sublinear term frequency).

    A term in every document weighs nothing; so two texts are only similar in what sets them
    apart from the rest.
    """
    count = len(documents)
    frequency = Counter(term for words in documents.values() for term in set(words))
    vectors = {}
    for key, words in documents.items():
        weights = {
            term: (1 + math.log(n)) * math.log((1 + count) / (1 + frequency[term]))
            for term, n in Counter(words).items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values()))
        vectors[key] = {t: w / norm for t, w in weights.items() if w} if norm else {}
    return vectors


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(weight * b[term] for term, weight in a.items() if term in b)


@dataclass(frozen=True)
class Similar:
    project: Project
    score: float


@dataclass(frozen=True)
class _Corpus:
    """The TF-IDF vectors of a programme's most recent public projects, and what they were
    computed from (to place one more text among them)."""

    count: int
    frequency: Counter
    vectors: dict[int, dict[str, float]]
    # What the page shows of each (slug, title, summary): a similar project costs no query.
    shown: dict[int, tuple[str, str, str]]


def _corpus(programme_id: int) -> _Corpus:
    """Kept until the next publication: reading and stemming the texts is most of the work."""

    def compute() -> _Corpus:
        # Plain rows, not model instances: a few hundred texts are read for one page.
        rows = list(
            Project.objects.public()
            .filter(programme_id=programme_id)
            .order_by("-pk")
            .values_list("pk", "title", "summary", "description", "slug")[:SIMILAR_CANDIDATES]
        )
        lessons: dict[int, list[str]] = {}
        for project_id, text in ProgressReport.objects.filter(
            project_id__in=[row[0] for row in rows], state=ReportState.GEACCEPTEERD
        ).values_list("project_id", "lessons_learned"):
            lessons.setdefault(project_id, []).append(text)
        documents = {
            pk: terms("\n".join([title, summary, description, *lessons.get(pk, [])]))
            for pk, title, summary, description, _slug in rows
        }
        frequency = Counter(term for words in documents.values() for term in set(words))
        shown = {pk: (slug, title, summary) for pk, title, summary, _d, slug in rows}
        return _Corpus(len(documents), frequency, tf_idf(documents), shown)

    return cached_aggregate("similar-corpus", compute, programme_id, SIMILAR_CANDIDATES, local=True)


def _vector_among(words: list[str], corpus: _Corpus) -> dict[str, float]:
    """The vector of a text that is not in the corpus, as if it were (tf_idf's weights)."""
    count = corpus.count + 1
    weights = {
        term: (1 + math.log(n)) * math.log((1 + count) / (2 + corpus.frequency[term]))
        for term, n in Counter(words).items()
    }
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {t: w / norm for t, w in weights.items() if w} if norm else {}


def similar_projects(
    project: Project, *, limit: int = SIMILAR_LIMIT, threshold: float = SIMILARITY_THRESHOLD
) -> list[Similar]:
    """The public projects whose description and lessons read most like this project's.

    Compared with the programme's most recent public projects (SIMILAR_CANDIDATES). A project
    outside that set (an older one in a large programme) is placed among them with their
    document frequencies. Kept per project until the next change to public data: ranking reads
    the programme's whole corpus, which a national instance cannot keep in every process.
    """
    rows = cached_aggregate(
        "similar-projects",
        lambda: _similar_rows(project, limit, threshold),
        project.pk,
        SIMILAR_CANDIDATES,
        limit,
        threshold,
    )
    # Instances with only what the page shows; any other field is read when asked for.
    # from_db takes the values in the model's field order.
    fields = ["id", "title", "slug", "summary"]
    return [
        Similar(Project.from_db(None, fields, (pk, title, slug, summary)), score)
        for pk, slug, title, summary, score in rows
    ]


def _similar_rows(
    project: Project, limit: int, threshold: float
) -> list[tuple[int, str, str, str, float]]:
    """(pk, slug, title, summary, score) of the most similar projects, best first."""
    corpus = _corpus(project.programme_id)
    own = corpus.vectors.get(project.pk)
    if own is None:
        reports = ProgressReport.objects.filter(project=project, state=ReportState.GEACCEPTEERD)
        lessons = [r.lessons_learned for r in reports.only("lessons_learned")]
        text = "\n".join([project.title, project.summary, project.description, *lessons])
        own = _vector_among(terms(text), corpus)
    scores = {
        pk: round(cosine(own, vector), 4)
        for pk, vector in corpus.vectors.items()
        if pk != project.pk
    }
    best = [pk for pk, score in scores.items() if score > threshold]
    # Best score first, titles breaking ties.
    best.sort(key=lambda pk: (-scores[pk], corpus.shown[pk][1]))
    return [(pk, *corpus.shown[pk], scores[pk]) for pk in best[:limit]]


# --------------------------------------------------------------------------- elements


@dataclass
class ElementRow:
    """An intervention element: the projects that have it and how they fare."""

    element: InterventionElement
    projects: list[Project] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    progress: list[Decimal] = field(default_factory=list)
    achievements: list[Decimal | None] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.element.name

    @property
    def count(self) -> int:
        return len(self.projects)

    @property
    def achievement(self) -> Decimal | None:
        """Mean over all indicators of its projects, as the portfolio reckons it."""
        return mean_achievement(self.achievements)

    @property
    def mean_progress(self) -> Decimal | None:
        if not self.progress:
            return None
        return (sum(self.progress, Decimal(0)) / len(self.progress)).quantize(Decimal(1))


NO_REPORT = "nog_geen_rapportage"


def element_rows(
    elements: Iterable[InterventionElement], monitored: Iterable[ProjectMonitoring]
) -> list[ElementRow]:
    """Per element, from projects prefetched with their ``intervention_elements``; the most
    frequent first."""
    rows = {element.pk: ElementRow(element) for element in elements}
    for monitoring in monitored:
        for element in monitoring.project.intervention_elements.all():
            row = rows.get(element.pk)
            if row is None:
                continue
            row.projects.append(monitoring.project)
            row.statuses[monitoring.status or NO_REPORT] += 1
            if monitoring.progress is not None:
                row.progress.append(monitoring.progress)
            row.achievements += [r.achievement for r in monitoring.indicators]
    return sorted(rows.values(), key=lambda r: (-r.count, r.element.name))


def public_projects(programme: Programme | None = None):
    # Only projects with an element count here; reading every public project's monitoring
    # would take minutes in a national instance.
    projects = Project.objects.public().filter(
        Exists(Project.intervention_elements.through.objects.filter(project=OuterRef("pk")))
    )
    if programme is not None:
        projects = projects.filter(programme=programme)
    return with_monitoring(projects.order_by("title", "pk")).prefetch_related(
        "intervention_elements"
    )


def intervention_elements(programme: Programme | None = None) -> list[ElementRow]:
    """Every element with the public projects that have it, as they stand now."""
    return element_rows(
        InterventionElement.objects.all(), monitoring_at(public_projects(programme))
    )


# ---------------------------------------------------------------------------- lessons


@dataclass(frozen=True)
class Lesson:
    project: Project
    period_start: datetime.date
    period_end: datetime.date
    text: str
    pieces: tuple[tuple[str, bool], ...]  # the text, with the words that matched marked
    matches: int = 0


def lessons(query: str = "", *, year: int | None = None) -> list[Lesson]:
    """Lessons learned from accepted reports on public projects, newest first.

    With a query, only lessons that have every meaningful word of it (compared on stems), the
    most matches first.
    """
    reports = lesson_reports(year=year)
    wanted = set(terms(query))
    if wanted:
        # The full-text index narrows a national instance's tens of thousands of lessons to
        # its (bounded) candidates before each is stemmed here.
        from regiodeal.portal.search import KIND_LESSON, ranked

        reports = ranked(reports, KIND_LESSON, query).order_by(
            "-period_end", "project__title", "pk"
        )
    found = [lesson for report in reports if (lesson := as_lesson(report, wanted))]
    if wanted:
        found.sort(key=lambda lesson: -lesson.matches)  # stable: newest first among equals
    return found


def lesson_reports(*, year: int | None = None) -> QuerySet[ProgressReport]:
    """Accepted reports with lessons on public projects, newest first."""
    reports = (
        ProgressReport.objects.filter(
            Exists(Project.objects.public().filter(pk=OuterRef("project"))),
            state=ReportState.GEACCEPTEERD,
        )
        .exclude(lessons_learned="")
        .select_related("project")
        .order_by("-period_end", "project__title", "pk")
    )
    if year is not None:
        reports = reports.filter(period_end__year=year)
    return reports


def as_lesson(report: ProgressReport, wanted: set[str] = frozenset()) -> Lesson | None:
    """The report's lesson with the wanted words marked; None if it lacks one of them."""
    text = report.lessons_learned.strip()
    if not text:
        return None
    matches = 0
    if wanted:
        words = Counter(terms(text))
        if not wanted <= set(words):
            return None
        matches = sum(words[w] for w in wanted)
    return Lesson(
        project=report.project,
        period_start=report.period_start,
        period_end=report.period_end,
        text=text,
        pieces=highlight(text, wanted) if wanted else ((text, False),),
        matches=matches,
    )
