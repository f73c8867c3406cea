"""Seeded, pure planning of a batch of one programme's projects, with everything that hangs
from them: decisions, ledger entries and their attribution, monitoring and search rows."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.text import slugify

from regiodeal.portal.search import WORD, stems

from . import vocabulary as words
from .plan import REFERENCE_DATE, ProgrammeState, World, draw_amount, village

DAY = datetime.timedelta(days=1)
CENT = Decimal("0.01")
LATER_KINDS = ("uitbreiding", "budgetwijziging", "afwijzing", "uitstel")
LATER_WEIGHTS = (0.35, 0.35, 0.15, 0.15)
ENTRY_KIND = {
    "nieuw": "verplichting",
    "uitbreiding": "verplichting",
    "budgetwijziging": "wijziging",
}
MONITORED_SHARE = 0.25
# Of the later decisions on a project: a correction of an earlier published one (another amount,
# recorded as a new decision that refers to it, as the office does through the services).
CORRECTED_SHARE = 0.04
# The corrected amount: this many percent of the original, in whole thousands.
CORRECTION_PERCENT = (70, 120)
THOUSAND = Decimal(1000)
MIN_AMOUNT, MAX_AMOUNT = Decimal(5_000), Decimal(10_000_000)
_STEMS: dict[str, str] = {}


def search_body(text: str) -> str:
    """What `regiodeal.portal.search.stems` makes of ``text``, memoised per word: the
    vocabulary is small, so almost every word is stemmed once."""
    out = []
    for word in WORD.findall(text.lower()):
        stem = _STEMS.get(word)
        if stem is None:
            stem = _STEMS[word] = stems(word)[0]
        out.append(stem)
    return " ".join(out)


def euro(amount: Decimal) -> str:
    """``€ 250.000``: whole euros in Dutch notation, without Babel's cost per call."""
    return "€ " + f"{int(amount):,}".replace(",", ".")


def shares(state: ProgrammeState, amount: Decimal) -> list[tuple[int, Decimal]]:
    """Funders' parts of ``amount``, pro rata to their contributions, adding up to the cent
    (largest remainder, ties to the earlier funder, as `core.money.allocate_pro_rata`)."""
    cents = int(amount * 100)
    cached = state.shares.get(cents)
    if cached is not None:
        return cached
    total = sum(w for _, w in state.weights)
    exact = [(cents * w, i) for i, (_, w) in enumerate(state.weights)]
    parts = [e // total for e, _ in exact]
    leftover = cents - sum(parts)
    order = sorted(range(len(parts)), key=lambda i: (-(exact[i][0] % total), i))
    for i in order[:leftover]:
        parts[i] += 1
    pairs = zip(state.weights, parts, strict=True)
    result = [(org, Decimal(part) * CENT) for (org, _), part in pairs if part]
    state.shares[cents] = result
    return result


def _status(planned_start: datetime.date, planned_end: datetime.date) -> str:
    if planned_start > REFERENCE_DATE:
        return "besloten"
    return "lopend" if planned_end >= REFERENCE_DATE else "afgerond"


def plan_batch(state: ProgrammeState, world: World, start: int, stop: int) -> dict[str, list]:
    """Rows for projects ``start`` to ``stop`` (indexes within the programme)."""
    rng = state.rng
    rows: dict[str, list] = {key: [] for key in (
        "project", "project_themes", "project_partners", "project_places", "decision",
        "ledger_entry", "ledger_allocation", "result", "indicator", "indicator_themes",
        "indicator_period", "report", "search",
    )}  # fmt: skip
    places = state.region.places
    for k in range(start, stop):
        project_id = state.first_project_id + k
        pillar_id, pillar_slug, pillar_name = rng.choices(state.pillars, state.pillar_weights)[0]
        own_places = rng.sample(places, min(len(places), rng.choice((1, 1, 2, 3))))
        kern = village(rng, world, own_places[0])
        fill = {
            "gemeente": own_places[0].name,
            "kern": kern,
            "regio": state.region.region,
            "sector": rng.choice(words.SECTORS),
            "doelgroep": rng.choice(words.TARGET_GROUPS),
        }
        title = rng.choice(words.TITLES[pillar_slug]).format(**fill)
        if rng.random() < 0.5:
            lead_id, lead_name = state.municipality_orgs[own_places[0].code]
            lead_name = f"de gemeente {own_places[0].name}"
        else:
            lead_id, lead_name = rng.choice(state.pool)
        fill["organisatie"] = lead_name
        fill["onderwerp"] = words.SUBJECTS[pillar_slug].format(**fill)
        summary = rng.choice(words.SUMMARIES).format(**fill)
        summary = summary[0].upper() + summary[1:]
        sentences = rng.sample(words.DESCRIPTION_SENTENCES, rng.randint(2, 5))
        description = " ".join(s.format(**fill) for s in sentences)
        slug = f"{slugify(title)[:90]}-{state.slug_tag}-{k + 1}"
        parent_id = None
        if k > 10 and rng.random() < 0.06:
            parent_id = state.first_project_id + rng.randrange(min(k, max(state.decided, 1)))

        decided = k < state.decided
        amount, last_decided_on = Decimal(0), None
        if decided:
            status, planned_start, planned_end, created, amount, last_decided_on = _decisions(
                state, world, rows, project_id, pillar_id, pillar_name, title, fill, k
            )
        else:
            status = "idee" if rng.random() < 0.8 else "voorgedragen"
            planned_start = planned_end = None
            created = REFERENCE_DATE - rng.randint(10, 700) * DAY
        stamp = world.stamp(created, 9)
        rows["project"].append(
            (project_id, state.id, title, slug, summary, description, pillar_id, lead_id,
             status, parent_id, planned_start, planned_end, stamp, stamp, amount,
             last_decided_on)
        )  # fmt: skip
        rows["project_places"].extend((project_id, p.id) for p in own_places)
        for theme_id in rng.sample(state.themes, min(len(state.themes), rng.randint(0, 2))):
            rows["project_themes"].append((project_id, theme_id))
        partners = [o for o, _ in rng.sample(state.pool, rng.randint(0, 3)) if o != lead_id]
        rows["project_partners"].extend((project_id, o) for o in partners)
        if world.with_search_rows:
            text = f"{title} {summary} {description}"
            rows["search"].append(("project", project_id, search_body(text)))
        if status in ("lopend", "afgerond") and rng.random() < MONITORED_SHARE:
            _monitoring(state, world, rows, project_id, pillar_slug, fill, planned_start, status)
    return rows


def _decisions(state, world, rows, project_id, pillar_id, pillar_name, title, fill, k):
    """The project's decisions and ledger; returns (status, planned start, end, created, the
    published amount that counts, the date of the latest published decision)."""
    rng = state.rng
    meetings = state.meetings
    last = len(meetings) - 1
    m0 = rng.randint(0, last)
    later = sorted(rng.randint(min(m0 + 1, last), last) for _ in range(state.extra[k]))
    kinds = ["nieuw", *rng.choices(LATER_KINDS, LATER_WEIGHTS, k=len(later))]
    first_date = meetings[m0].date
    planned_start = first_date + rng.randint(20, 120) * DAY
    planned_end = planned_start + rng.randint(365, 4 * 365) * DAY
    fill = dict(fill, titel=title, pijler=pillar_name)
    published_any = False
    last_decided_on = None
    # Published decisions with an amount that a later one may correct.
    correctable: list[_Correctable] = []
    # The published amounts that count: a published correction replaces what it corrects.
    counting: dict[int, Decimal] = {}
    for index, kind in zip([m0, *later], kinds, strict=True):
        meeting = meetings[index]
        meeting.positions += 1
        corrected = _to_correct(rng, correctable, index)
        if corrected is not None:
            correctable.remove(corrected)
            kind = corrected.kind
            amount = _corrected_amount(rng, corrected.amount)
            fill["bedrag"] = euro(amount)
            decision_title = corrected.title
            text = rng.choice(words.CORRECTION_TEXTS).format(**fill)
        else:
            amount = None
            if kind in ENTRY_KIND:
                amount = draw_amount(rng, 150_000 if kind == "budgetwijziging" else 180_000)
            fill["bedrag"] = euro(amount) if amount is not None else ""
            decision_title = words.DECISION_TITLES[kind].format(**fill)
            text = rng.choice(words.DECISION_TEXTS[kind]).format(**fill)
        conditions = rng.choice(words.CONDITIONS) if rng.random() < 0.2 else ""
        decision_id = state.ids.take("decision")
        created = world.stamp(meeting.date - rng.randint(7, 30) * DAY, 9)
        if meeting.draft:
            state_, adopted, published = "concept", None, None
        else:
            state_, adopted, published = (
                "gepubliceerd",
                world.stamp(meeting.date, 15),
                meeting.published_at,
            )
            published_any = True
            last_decided_on = meeting.date
        corrects_id = corrected.decision_id if corrected is not None else None
        rows["decision"].append(
            (decision_id, 1, meeting.id, project_id, meeting.positions, kind, decision_title,
             text, amount, conditions, pillar_id, state_, corrects_id, "", adopted, None,
             published, created)
        )  # fmt: skip
        if world.with_search_rows:
            rows["search"].append(
                ("decision", decision_id, search_body(f"{decision_title} {text}"))
            )
        if not published or amount is None:
            continue
        counting[decision_id] = amount
        if corrected is not None:
            counting.pop(corrected.decision_id, None)
        heading = decision_title or title
        if corrected is None:
            root, entry_kind, booked = decision_id, ENTRY_KIND[kind], amount
            label = entry_kind
        else:
            # As finance.services books a correction: the change against what it replaces.
            root, entry_kind, label = corrected.root, "wijziging", "correctie"
            booked = amount - corrected.amount
        correctable.append(_Correctable(decision_id, root, amount, kind, decision_title, index))
        if booked:
            entry_id = state.ids.take("ledger_entry")
            rows["ledger_entry"].append(
                (entry_id, state.id, pillar_id, project_id, root, decision_id, entry_kind,
                 booked, meeting.date, (world.ledger_labels[label] % {"heading": heading})[:300],
                 published)
            )  # fmt: skip
            rows["ledger_allocation"].extend(
                (entry_id, org, part) for org, part in signed_shares(state, booked)
            )
    status = _status(planned_start, planned_end) if published_any else "voorgedragen"
    created = first_date - rng.randint(30, 120) * DAY
    amount = sum(counting.values(), Decimal(0))
    return status, planned_start, planned_end, created, amount, last_decided_on


@dataclass(frozen=True)
class _Correctable:
    decision_id: int
    root: int  # the first decision of its chain of corrections: the ledger's key
    amount: Decimal
    kind: str
    title: str
    meeting_index: int


def _to_correct(rng, correctable: list[_Correctable], index: int) -> _Correctable | None:
    """An earlier published decision for the decision at meeting ``index`` to correct, or None
    (most later decisions are no corrections)."""
    if not correctable or rng.random() >= CORRECTED_SHARE:
        return None
    earlier = [c for c in correctable if c.meeting_index < index]
    return rng.choice(earlier) if earlier else None


def _corrected_amount(rng, original: Decimal) -> Decimal:
    percent = rng.randint(*CORRECTION_PERCENT)
    amount = (original * percent / 100 / THOUSAND).quantize(Decimal(1)) * THOUSAND
    amount = min(max(amount, MIN_AMOUNT), MAX_AMOUNT)
    if amount == original:  # a correction changes the amount: a thousand, away from the bound
        amount += THOUSAND if amount + THOUSAND <= MAX_AMOUNT else -THOUSAND
    return amount


def signed_shares(state: ProgrammeState, amount: Decimal) -> list[tuple[int, Decimal]]:
    """`shares` of a negative amount too: the parts of its size, negated (as allocate_pro_rata
    splits a negative amount)."""
    if amount >= 0:
        return shares(state, amount)
    return [(org, -part) for org, part in shares(state, -amount)]


def _monitoring(state, world, rows, project_id, pillar_slug, fill, planned_start, status):
    """A result with one or two indicators and periods, and accepted progress reports."""
    rng = state.rng
    if planned_start > REFERENCE_DATE - 120 * DAY:
        return
    options = words.INDICATORS[pillar_slug]
    chosen = rng.sample(options, rng.randint(1, min(2, len(options))))
    result_id = state.ids.take("result")
    result_title = chosen[0][0]
    rows["result"].append(
        (result_id, project_id, rng.choice(("output", "outcome")), result_title,
         words.RESULT_DESCRIPTION.format(**fill), 1)
    )  # fmt: skip
    report_ends = []
    end = planned_start
    for _ in range(rng.randint(1, 2)):
        end = end + rng.randint(300, 420) * DAY
        if end > REFERENCE_DATE - 60 * DAY:
            break
        report_ends.append(end)
    if not report_ends:
        report_ends.append(planned_start + 90 * DAY)
    for position, (_, indicator_title, unit, measure, theme_slug) in enumerate(chosen, start=1):
        indicator_id = state.ids.take("indicator")
        percentage = measure == "percentage"
        baseline = Decimal(rng.randint(10, 60) if percentage else rng.randint(0, 50))
        target = baseline + Decimal(rng.randint(5, 30) if percentage else rng.randint(20, 400))
        rows["indicator"].append(
            (indicator_id, result_id, indicator_title, unit, measure, True, baseline, "",
             planned_start.year - 1, position)
        )  # fmt: skip
        theme_id = world.broad_prosperity.get(theme_slug)
        if theme_id:
            rows["indicator_themes"].append((indicator_id, theme_id))
        period_start = planned_start
        for period_end in report_ends:
            reached = rng.uniform(0.4, 1.2)
            actual = (baseline + (target - baseline) * Decimal(str(round(reached, 2)))).quantize(
                Decimal(1)
            )
            rows["indicator_period"].append(
                (indicator_id, period_start, period_end, target, actual, "", "", "")
            )
            period_start = period_end + DAY
    period_start = planned_start
    for n, period_end in enumerate(report_ends, start=1):
        due = period_end + 42 * DAY
        final = status == "afgerond" and n == len(report_ends)
        report_status = "afgerond" if final else rng.choices(
            ("op_schema", "risico", "vertraagd"), (0.6, 0.25, 0.15)
        )[0]  # fmt: skip
        lessons = " ".join(s.format(**fill) for s in rng.sample(words.LESSONS, rng.randint(1, 3)))
        report_id = state.ids.take("report")
        rows["report"].append(
            (report_id, 1, project_id, period_start, period_end, due, "geaccepteerd",
             report_status, 100 if final else rng.randint(10, 90),
             rng.choice(words.NARRATIVES).format(**fill),
             Decimal(rng.randint(5, 95) * 1000), lessons,
             world.stamp(due - rng.randint(1, 20) * DAY, 11),
             world.stamp(due + rng.randint(3, 20) * DAY, 14), "")
        )  # fmt: skip
        if world.with_search_rows:
            rows["search"].append(("lesson", report_id, search_body(lessons)))
        period_start = period_end + DAY
