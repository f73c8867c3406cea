"""Learning: words and stems, TF-IDF similarity, element recurrence and the lessons search.

The stemming tests that need Snowball's Dutch stemmer are skipped where ``snowballstemmer`` is
not installed; the others hold with and without it.
"""

import datetime
import math
from decimal import Decimal as D

import pytest

from regiodeal.calls.tests.factories import UserFactory
from regiodeal.finance.tests.factories import make_funded_project, make_published_decision
from regiodeal.monitoring import learning, services
from regiodeal.monitoring.learning import (
    element_rows,
    highlight,
    lessons,
    similar_projects,
    terms,
    tf_idf,
)
from regiodeal.monitoring.models import InterventionElement, ProgressReport, ProjectLead
from regiodeal.monitoring.selectors import IndicatorRow, ProjectMonitoring
from regiodeal.organisations.tests.factories import OrganisationFactory
from regiodeal.projects.models import Project
from regiodeal.projects.tests.factories import ProjectFactory

# --------------------------------------------------------------------------- words


def test_terms_drop_function_words_case_and_diacritics():
    # Without a stemmer every word is its own stem; either way "de", "en" and "het" go.
    words = terms("De Materiële welvaart en het WELZIJN")
    assert len(words) == 3
    assert words == [
        learning.stem("materiele"),
        learning.stem("welvaart"),
        learning.stem("welzijn"),
    ]


def test_highlight_marks_the_words_with_a_wanted_stem_and_keeps_the_rest():
    wanted = {learning.stem("stages")}
    assert highlight("Stages over de grens: stages!", wanted) == (
        ("Stages", True),
        (" over de grens: ", False),
        ("stages", True),
        ("!", False),
    )


def test_stems_join_the_forms_of_a_word(monkeypatch):
    """With any stemmer plugged in, matching goes by stem: the plumbing, without Snowball."""
    monkeypatch.setattr(learning, "stem", lambda word: word.removesuffix("en"))
    assert terms("projecten") == terms("project") == ["project"]
    assert highlight("Projecten leren", {"project"})[0] == ("Projecten", True)


def test_snowball_stems_dutch_plurals():
    pytest.importorskip("snowballstemmer")
    assert learning.STEMMING
    assert terms("projecten senioren") == terms("project senior")


# ---------------------------------------------------------------------- similarity


def test_tf_idf_and_cosine_worked_example():
    """Three texts: x in two of them, y, z and w in one each.

    idf(x) = ln(4/3), idf(y) = idf(z) = ln(4/2). Texts 1 and 2 share only x, so their cosine is
    idf(x)² / (idf(x)² + idf(y)²) = 0.0828 / (0.0828 + 0.4805) = 0.1469; text 3 shares nothing.
    """
    vectors = tf_idf({1: ["x", "y"], 2: ["x", "z"], 3: ["w"]})
    x, y = math.log(4 / 3), math.log(2)
    assert learning.cosine(vectors[1], vectors[2]) == pytest.approx(x * x / (x * x + y * y))
    assert learning.cosine(vectors[1], vectors[2]) == pytest.approx(0.1469, abs=1e-4)
    assert learning.cosine(vectors[1], vectors[3]) == 0
    assert learning.cosine(vectors[1], vectors[1]) == pytest.approx(1)


def test_a_term_in_every_text_weighs_nothing():
    vectors = tf_idf({1: ["regio", "zon"], 2: ["regio", "wind"]})
    assert "regio" not in vectors[1]
    assert learning.cosine(vectors[1], vectors[2]) == 0


def public_project(title: str, description: str, **kwargs):
    """A public project; all of one test's projects share the first one's programme."""
    first = Project.objects.order_by("pk").first()
    if first is None:
        project = make_funded_project()
    else:
        project = ProjectFactory(
            programme=first.programme, pillar=first.pillar, lead_organisation=OrganisationFactory()
        )
    project.title, project.description = title, description
    for name, value in kwargs.items():
        setattr(project, name, value)
    project.save()
    make_published_decision(project)
    return project


@pytest.mark.django_db
def test_similar_projects_are_public_above_the_threshold_best_first():
    """A worked example; the scores (without stemming, and with Snowball's) are about
    Coevorden 0.28 (0.35), stages 0.18 (0.18), grensarbeid 0.09 (0.09), senioren 0."""
    mbo = public_project(
        "Binationaal mbo", "Binationale mbo-opleidingen met Duitse bedrijven over de grens."
    )
    coevorden = public_project(
        "Internationaal mbo Coevorden",
        "Haalbaarheid van binationale mbo-opleidingen in Coevorden met Duitse scholen.",
    )
    stages = public_project(
        "Stages in Duitsland", "Mbo-studenten lopen stage bij Duitse bedrijven."
    )
    public_project(
        "Grensarbeid", "Werkgevers in Emmen en Hoogeveen zoeken vakkrachten, ook over de grens."
    )
    public_project("Wonen voor senioren", "Levensloopbestendige woningen in het dorp.")
    # Says the same, but has no published decision: never named on the public site.
    ProjectFactory(title="Geheim mbo", description=mbo.description)

    found = similar_projects(mbo)

    assert [s.project for s in found] == [coevorden, stages]
    assert found[0].score > found[1].score > learning.SIMILARITY_THRESHOLD
    assert [s.project for s in similar_projects(mbo, limit=1)] == [coevorden]
    assert len(similar_projects(mbo, threshold=0.05)) == 3
    assert similar_projects(mbo, threshold=0.99) == []


@pytest.mark.django_db
def test_lessons_count_in_similarity_once_accepted():
    solar = public_project("Zonnepark", "Een zonnepark op een oude vuilstort.")
    village = public_project("Dorpshuis", "Een nieuw dak voor het dorpshuis.")
    public_project("Jeugdwerk", "Jongerenwerk in de wijk.")
    assert similar_projects(solar) == []
    lead = UserFactory()
    ProjectLead.objects.create(project=village, user=lead)
    lesson = "Een zonnepark op een vuilstort vraagt vroeg overleg met de netbeheerder."
    report = accepted_report(village, lead, lesson, state="open")
    assert similar_projects(solar) == []  # a report not accepted says nothing in public
    services.submit_report(report, user=lead)
    services.accept_report(report)
    assert [s.project for s in similar_projects(solar)] == [village]


@pytest.mark.django_db
def test_similar_projects_are_ranked_once_until_public_data_changes(monkeypatch):
    mbo = public_project("Binationaal mbo", "Binationale mbo-opleidingen met Duitse bedrijven.")
    near = public_project("Mbo Coevorden", "Binationale mbo-opleidingen in Coevorden.")
    public_project("Wonen", "Woningen in het dorp.")
    corpus_reads = []
    read_corpus = learning._corpus
    monkeypatch.setattr(learning, "_corpus", lambda pk: corpus_reads.append(pk) or read_corpus(pk))

    assert [s.project for s in similar_projects(mbo)] == [near]
    assert [s.project.title for s in similar_projects(mbo)] == ["Mbo Coevorden"]
    assert len(corpus_reads) == 1  # the second page read the ranking, not the corpus

    near.title = "Mbo-opleidingen Coevorden"
    near.save()  # a public change: the next page ranks anew
    assert [s.project.title for s in similar_projects(mbo)] == ["Mbo-opleidingen Coevorden"]
    assert len(corpus_reads) == 2


# -------------------------------------------------------------------------- elements


def monitoring(project, status: str, progress: str | None, achievements: list[str | None]):
    rows = [
        IndicatorRow(indicator=None, period=None, achievement=None if a is None else D(a))
        for a in achievements
    ]
    return ProjectMonitoring(
        project=project,
        status=status,
        progress=None if progress is None else D(progress),
        own_progress=None,
        indicators=rows,
        timeline=[],
        lessons=[],
    )


@pytest.mark.django_db
def test_element_rows_worked_example():
    """Pilot in three projects: statuses counted, progress averaged, every indicator of them
    averaged with each capped at 100% (1.5 counts as 1): (1 + 0.5 + 0.4 + 0.2) / 4 = 0.525."""
    pilot = InterventionElement.objects.create(name="Pilot", slug="pilot")
    binational = InterventionElement.objects.create(name="Binationaal", slug="binationaal")
    unused = InterventionElement.objects.create(name="Co-creatie", slug="co-creatie")
    a, b, c = ProjectFactory(), ProjectFactory(), ProjectFactory()
    pilot.projects.set([a, b, c])
    binational.projects.set([a])

    rows = element_rows(
        InterventionElement.objects.all(),
        [
            monitoring(a, "op_schema", "40", ["1.5", "0.5"]),
            monitoring(b, "risico", "60", ["0.4"]),
            monitoring(c, "", None, ["0.2", None]),
        ],
    )

    assert [r.element for r in rows] == [pilot, binational, unused]  # most frequent first
    first = rows[0]
    assert first.count == 3
    assert dict(first.statuses) == {"op_schema": 1, "risico": 1, "nog_geen_rapportage": 1}
    assert first.mean_progress == D(50)
    assert first.achievement == D("0.5250")
    assert (rows[2].count, rows[2].achievement, rows[2].mean_progress) == (0, None, None)


# --------------------------------------------------------------------------- lessons


def accepted_report(project, lead, lesson: str, *, end=datetime.date(2022, 12, 31), state=""):
    """A report with a lesson, accepted unless ``state`` is "open"."""
    report = ProgressReport.objects.create(
        project=project,
        period_start=end.replace(month=7, day=1),
        period_end=end,
        due_date=end + datetime.timedelta(days=1),
        status="op_schema",
        narrative="Verslag.",
        lessons_learned=lesson,
    )
    if state == "open":
        return report
    services.submit_report(report, user=lead)
    return services.accept_report(report)


@pytest.fixture
def lesson_projects(db):
    lead = UserFactory()
    dorp = public_project("Dorpshuis", "Een dak.")
    wijk = public_project("Wijkbudget", "Inwoners kiezen.")
    hidden = ProjectFactory(title="Niet gepubliceerd")
    for project in (dorp, wijk, hidden):
        ProjectLead.objects.create(project=project, user=lead)
    accepted_report(dorp, lead, "Inwoners helpen graag mee als het concreet is.")
    accepted_report(
        wijk,
        lead,
        "Inwoners kiezen beter dan een jury. Inwoners willen snel resultaat.",
        end=datetime.date(2023, 6, 30),
    )
    accepted_report(hidden, lead, "Inwoners zien dit nooit.")
    ProgressReport.objects.create(
        project=dorp,
        period_start=datetime.date(2023, 1, 1),
        period_end=datetime.date(2023, 6, 30),
        due_date=datetime.date(2023, 7, 1),
        lessons_learned="Inwoners in een open rapportage.",
    )
    return dorp, wijk


def test_lessons_are_from_accepted_reports_on_public_projects_newest_first(lesson_projects):
    dorp, wijk = lesson_projects
    found = lessons()
    assert [(lesson.project, lesson.period_end.year) for lesson in found] == [
        (wijk, 2023),
        (dorp, 2022),
    ]
    assert [lesson.project for lesson in lessons(year=2022)] == [dorp]


def test_a_search_needs_every_word_and_puts_the_most_matches_first(lesson_projects):
    dorp, wijk = lesson_projects
    assert [lesson.project for lesson in lessons("inwoners")] == [wijk, dorp]
    assert [lesson.matches for lesson in lessons("inwoners")] == [2, 1]
    only = lessons("inwoners concreet")
    assert [lesson.project for lesson in only] == [dorp]
    assert [text for text, marked in only[0].pieces if marked] == ["Inwoners", "concreet"]
    assert lessons("inwoners ruimtevaart") == []
    # Function words alone are no query: everything is listed.
    assert len(lessons("de het een")) == 2


def test_a_search_finds_other_forms_of_a_word(lesson_projects):
    pytest.importorskip("snowballstemmer")
    dorp, wijk = lesson_projects
    # "resultaten" and "resultaat" share a stem; so do "jury" and "jury's".
    assert [lesson.project for lesson in lessons("resultaten")] == [wijk]
    assert [lesson.project for lesson in lessons("inwoner")] == [wijk, dorp]


@pytest.mark.django_db
def test_similar_projects_come_from_the_same_programme_and_a_bounded_set(monkeypatch):
    mbo = public_project("Binationaal mbo", "Binationale mbo-opleidingen met Duitse bedrijven.")
    near = public_project("Mbo Coevorden", "Binationale mbo-opleidingen in Coevorden.")
    elsewhere = make_funded_project()  # another programme, the same words
    elsewhere.title, elsewhere.description = "Mbo elders", near.description
    elsewhere.save()
    make_published_decision(elsewhere)
    public_project("Wonen", "Woningen in het dorp.")
    assert [s.project for s in similar_projects(mbo)] == [near]
    # Only the most recent candidates are compared: here just the last one (Wonen).
    monkeypatch.setattr(learning, "SIMILAR_CANDIDATES", 1)
    assert similar_projects(mbo) == []
