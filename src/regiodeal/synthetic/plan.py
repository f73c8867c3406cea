"""Seeded, pure planning of programmes: regions, funders, pillars, themes and meetings.

Nothing here touches the database: the plan gets what it needs to know about it (places,
organisations, the next free ids) as arguments and returns rows. The same seed and arguments
give the same names, amounts and dates whatever the ids turn out to be.
"""

import datetime
import math
import random
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from django.utils.text import slugify

from . import vocabulary as words

# The synthetic "today": statuses and report periods are judged against it, so that a plan
# does not change with the day it is made.
REFERENCE_DATE = datetime.date(2026, 10, 31)
FIRST_YEAR = 2016
MIN_AMOUNT, MAX_AMOUNT = 5_000, 10_000_000
MAX_PROGRAMMES = 500
DUTCH_MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


@dataclass(frozen=True)
class Place:
    id: int
    code: str
    name: str


@dataclass(frozen=True)
class ProvinceInfo:
    id: int
    code: str
    name: str
    places: tuple[Place, ...]


@dataclass
class World:
    """What the plan knows about the database and the backend."""

    provinces: list[ProvinceInfo]
    villages: dict[str, tuple[str, ...]]
    broad_prosperity: dict[str, int]
    aware: bool  # PostgreSQL stores aware datetimes, SQLite naive UTC ones
    with_search_rows: bool  # SQLite keeps its own full-text table
    ledger_labels: dict[str, str]  # entry kind -> "... %(heading)s", in the site's language

    def stamp(self, day: datetime.date, hour: int) -> datetime.datetime:
        moment = datetime.datetime(day.year, day.month, day.day, hour)
        return moment.replace(tzinfo=datetime.UTC) if self.aware else moment


class Ids:
    """The next free id per table, handed out in blocks."""

    def __init__(self, start: dict[str, int]):
        self.next = dict(start)

    def take(self, key: str, count: int = 1) -> int:
        first = self.next[key]
        self.next[key] = first + count
        return first


@dataclass(frozen=True)
class Region:
    index: int
    name: str
    region: str
    slug: str
    province: ProvinceInfo
    places: tuple[Place, ...]


@dataclass
class Meeting:
    id: int
    date: datetime.date
    draft: bool
    published_at: datetime.datetime | None
    positions: int = 0


@dataclass
class ProgrammeState:
    """One planned programme, and what planning its projects in batches needs."""

    region: Region
    id: int
    rng: random.Random
    ids: Ids
    slug_tag: str
    projects: int
    decided: int
    extra: list[int]
    pillars: list[tuple[int, str, str]]  # (id, slug, name)
    pillar_weights: list[float]
    themes: list[int]
    pool: list[tuple[int, str]]  # other organisations: (id, name)
    municipality_orgs: dict[str, tuple[int, str]]  # CBS code -> (id, name)
    weights: list[tuple[int, int]]  # funders: (organisation id, contribution in euros)
    meetings: list[Meeting]
    first_project_id: int = 0
    total_budget: int = 0
    rows: dict[str, list[tuple]] = field(default_factory=dict)
    shares: dict[int, list[tuple[int, Decimal]]] = field(default_factory=dict)


def month_year(day: datetime.date) -> str:
    return f"{DUTCH_MONTHS[day.month - 1]} {day.year}"


def draw_amount(rng: random.Random, median: float = 180_000, sigma: float = 1.15) -> Decimal:
    """Log-normal, clipped to € 5.000 – € 10 mln, rounded the way real lists round."""
    value = min(max(rng.lognormvariate(math.log(median), sigma), MIN_AMOUNT), MAX_AMOUNT)
    if value < 25_000:
        step = 1 if rng.random() < 0.5 else 500
    elif value < 1_000_000:
        step = 500 if rng.random() < 0.3 else 1_000
    else:
        step = 5_000
    rounded = round(value / step) * step
    return Decimal(min(max(rounded, MIN_AMOUNT), MAX_AMOUNT))


@lru_cache(maxsize=1)
def mean_amount() -> float:
    rng = random.Random(0)
    return sum(float(draw_amount(rng)) for _ in range(20_000)) / 20_000


def split(total: int, weights: list[float]) -> list[int]:
    """``total`` in whole parts proportional to ``weights`` (largest remainder)."""
    if not weights:
        return []
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    parts = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def choose_regions(rng: random.Random, world: World, count: int, seed: int) -> list[Region]:
    provinces = [p for p in world.provinces if len(p.places) >= 3]
    # A province draws regions by its number of municipalities: Regio Deals cover regions
    # across the country, and a draw per province alone gave Flevoland's six municipalities as
    # many programmes as Noord-Brabant's fifty-six (Urk held 9.000 of 250.000 projects).
    weights = [len(p.places) for p in provinces]
    regions, seen = [], set()
    for index in range(count):
        province = rng.choices(provinces, weights=weights)[0]
        places = tuple(rng.sample(province.places, rng.randint(3, min(12, len(province.places)))))
        pattern = rng.choice(words.REGION_PATTERNS)
        region = pattern.format(
            richting=rng.choice(words.DIRECTIONS),
            provincie=province.name,
            gemeente=places[0].name,
            gemeente2=places[1].name,
        )
        name = f"Regio Deal {region}"
        for tranche in words.TRANCHES:
            if name + tranche not in seen:
                break
        else:
            tranche = f" {index + 1}"
        name += tranche
        seen.add(name)
        slug = f"{slugify(name)[:80]}-s{seed}"
        regions.append(Region(index, name, region, slug, province, places))
    return regions


def organisations_needed(regions: list[Region]) -> tuple[set[str], set[str]]:
    """CBS codes of the provinces and municipalities that take part as organisations."""
    provinces = {r.province.code for r in regions}
    municipalities = {p.code for r in regions for p in r.places}
    return provinces, municipalities


def _period(rng: random.Random, index: int) -> tuple[datetime.date, datetime.date]:
    year = FIRST_YEAR if index == 0 else rng.choice((2016, 2017, 2018, 2018, 2019, 2019, 2020))
    start = datetime.date(year, rng.randint(1, 6) if index == 0 else rng.randint(1, 12), 1)
    end_year = min(max(year + rng.randint(8, 11), 2027), 2030)
    return start, datetime.date(end_year, 12, 31)


def _meetings(
    rng: random.Random, world: World, ids: Ids, state: ProgrammeState, start, end
) -> None:
    last = min(end, REFERENCE_DATE)
    dates = []
    for year in range(start.year, last.year + 1):
        for month in sorted(rng.sample(range(1, 13), rng.randint(3, 6))):
            day = datetime.date(year, month, rng.randint(1, 28))
            if start <= day <= last:
                dates.append(day)
    if not dates:
        dates.append(start)
    draft_last = rng.random() < 0.35
    rows = state.rows.setdefault("meeting", [])
    first_id = ids.take("meeting", len(dates))
    for i, day in enumerate(dates):
        draft = draft_last and i == len(dates) - 1
        published = None if draft else world.stamp(day + datetime.timedelta(rng.randint(5, 15)), 10)
        meeting = Meeting(first_id + i, day, draft, published)
        state.meetings.append(meeting)
        label = month_year(day)
        rows.append(
            (meeting.id, state.id, day, f"Stuurgroep {label}",
             f"{state.region.slug}-{slugify(label)}", "")
        )  # fmt: skip


def plan_programme(
    *,
    seed: int,
    region: Region,
    projects: int,
    decisions: int,
    world: World,
    ids: Ids,
    organisations: dict[str, tuple[int, str]],
    ministries: list[int],
) -> ProgrammeState:
    """Rows of one programme (programme, funders, pillars, themes, pool, meetings) and the
    state its project batches continue from. ``organisations``: CBS code -> (id, name)."""
    rng = random.Random(seed * 1_000_003 + region.index)
    decided = min(projects, decisions)
    extra_total = decisions - decided
    extra = [0] * decided
    if decided and extra_total:
        weights = [rng.paretovariate(2.2) for _ in range(decided)]
        for k in rng.choices(range(decided), weights=weights, k=extra_total):
            extra[k] += 1
    state = ProgrammeState(
        region=region,
        id=ids.take("programme"),
        rng=rng,
        ids=ids,
        slug_tag=f"s{seed}-{region.index + 1}",
        projects=projects,
        decided=decided,
        extra=extra,
        pillars=[],
        pillar_weights=[],
        themes=[],
        pool=[],
        municipality_orgs={p.code: organisations[p.code] for p in region.places},
        weights=[],
        meetings=[],
    )
    start, end = _period(rng, region.index)
    names = ", ".join(p.name for p in region.places[:-1]) + f" en {region.places[-1].name}"
    state.rows["programme"] = [
        (state.id, 1, region.name, region.slug, start, end,
         words.PROGRAMME_DESCRIPTION.format(regio=region.region, gemeenten=names),
         words.DECISION_LIST_INTRODUCTION.format(regio=region.region), "", "", "", region.region)
    ]  # fmt: skip
    _funders(rng, ids, state, decided + extra_total * 0.7, organisations, ministries)
    _pillars_and_themes(rng, ids, state)
    _pool(rng, world, ids, state)
    _meetings(rng, world, ids, state, start, end)
    state.first_project_id = ids.take("project", projects)
    return state


def _funders(
    rng, ids: Ids, state: ProgrammeState, money_decisions: float, organisations, ministries
):
    expected = money_decisions * mean_amount() * rng.uniform(1.05, 1.3)
    total = max(int(expected / 100_000 + 1) * 100_000, 5_000_000)
    rijk = int(total * rng.uniform(0.35, 0.5) / 1000) * 1000
    province = int(total * rng.uniform(0.15, 0.3) / 1000) * 1000
    places = state.region.places
    funders = rng.sample(places, rng.randint(2, min(5, len(places))))
    municipal = split((total - rijk - province) // 1000, [rng.uniform(1, 4) for _ in funders])
    ministry = ministries[0] if rng.random() < 0.5 else ministries[-1]
    state.weights = [
        (ministry, rijk),
        (organisations[state.region.province.code][0], province),
        *(
            (organisations[p.code][0], part * 1000)
            for p, part in zip(funders, municipal, strict=True)
        ),
    ]
    state.weights = [(org, amount) for org, amount in state.weights if amount > 0]
    first = ids.take("contribution", len(state.weights))
    state.rows["contribution"] = [
        (first + i, 1, state.id, org, Decimal(amount))
        for i, (org, amount) in enumerate(state.weights)
    ]
    state.total_budget = sum(amount for _, amount in state.weights)


def _pillars_and_themes(rng: random.Random, ids: Ids, state: ProgrammeState) -> None:
    chosen = list(words.PILLARS[:3]) + rng.sample(words.PILLARS[3:], rng.choice((0, 0, 1, 2)))
    weights = [0.35, 0.3, 0.3, 0.12, 0.12][: len(chosen)]
    shares = split(int(state.total_budget * rng.uniform(0.9, 1.0)) // 1000, weights)
    first = ids.take("pillar", len(chosen))
    state.rows["pillar"] = []
    for i, ((slug, name, description), share) in enumerate(zip(chosen, shares, strict=True)):
        state.pillars.append((first + i, slug, name))
        state.rows["pillar"].append(
            (first + i, 1, state.id, name, slug, description, Decimal(share * 1000), "", i + 1)
        )
    state.pillar_weights = weights
    themes = rng.sample(words.THEMES, rng.randint(2, 5))
    first = ids.take("theme", len(themes))
    state.themes = [first + i for i in range(len(themes))]
    state.rows["theme"] = [
        (first + i, state.id, name, slug, "") for i, (slug, name) in enumerate(themes)
    ]


def _pool(rng: random.Random, world: World, ids: Ids, state: ProgrammeState) -> None:
    templates = rng.sample(words.ORGANISATIONS, rng.randint(6, len(words.ORGANISATIONS)))
    first = ids.take("organisation", len(templates))
    rows = state.rows.setdefault("organisation", [])
    for i, (template, kind) in enumerate(templates):
        place = rng.choice(state.region.places)
        name = template.format(
            gemeente=place.name,
            regio=state.region.region,
            kern=village(rng, world, place),
            sector=rng.choice(words.SECTORS),
        )
        kvk = f"{rng.randint(10_000_000, 99_999_999)}" if kind == "bedrijf" else ""
        slug = f"{slugify(name)[:200]}-{state.slug_tag}-{i + 1}"
        rows.append((first + i, name, slug, kind, "", kvk, "", place.id, ""))
        state.pool.append((first + i, name))


def village(rng: random.Random, world: World, place: Place) -> str:
    villages = world.villages.get(place.code)
    return rng.choice(villages) if villages else place.name


def programme_counts(
    rng: random.Random, programmes: int, projects: int, decisions: int
) -> list[tuple[int, int]]:
    """(projects, decisions) per programme: uneven, like reality, and adding up exactly."""
    if not programmes:
        return []
    weights = [rng.lognormvariate(0, 0.7) for _ in range(programmes)]
    per_programme = split(projects, weights)
    if decisions >= projects:
        extra = split(decisions - projects, per_programme) if projects else [0] * programmes
        return [(p, p + e) for p, e in zip(per_programme, extra, strict=True)]
    decided = split(decisions, per_programme) if projects else [0] * programmes
    return [(p, min(d, p)) for p, d in zip(per_programme, decided, strict=True)]
