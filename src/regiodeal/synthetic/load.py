"""Writing a plan to the database in bulk: multi-row inserts on SQLite, COPY on PostgreSQL.

Model ``save()`` guards (a published decision cannot be created directly, ledger entries are
append-only) are bypassed on purpose, and so are django-simple-history and the search-index
signals: the generator writes what the workflow would have produced, and indexes it itself.
"""

import csv
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from regiodeal.decisions.models import DecisionList
from regiodeal.decisions.models import Meeting as MeetingModel
from regiodeal.monitoring.models import BroadProsperityTheme
from regiodeal.organisations.constants import TOOI_GEMEENTE, TOOI_PROVINCIE, OrganisationKind
from regiodeal.organisations.models import Municipality, Organisation, Province
from regiodeal.portal.search import FTS_TABLE
from regiodeal.programmes.models import Programme

from . import plan
from .batch import plan_batch
from .pipeline import prefetched
from .tables import TABLES, WITH_IDS
from .vocabulary import MINISTRIES

BATCH = 5_000  # projects per transaction
VILLAGES_CSV = Path(apps.get_app_config("organisations").path) / "data" / "villages.csv"
STAGES = ("programmes", "projects", "decisions", "ledger", "monitoring", "search")
STAGE_TABLES = {
    "projects": "project",
    "decisions": "decision",
    "ledger": "ledger_entry",
    "monitoring": "report",
    "search": "search",
}
PROGRAMME_TABLES = ("programme", "organisation", "contribution", "pillar", "theme", "meeting")
MAX_PROJECTS = 5_000_000
MAX_DECISIONS = 20_000_000

Report = Callable[[str, int], None]


class GenerationRefused(Exception):
    """The arguments or the database do not allow generating; nothing has been written."""


@dataclass
class Summary:
    counts: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    # Seconds spent writing each table, to see where a slow run goes.
    writing: Counter = field(default_factory=Counter)


def check_arguments(programmes: int, projects: int, decisions: int) -> str | None:
    """A message saying what is wrong with the numbers, or None."""
    if min(programmes, projects, decisions) < 0:
        return _("The numbers of programmes, projects and decisions cannot be negative.")
    if not programmes:
        return _("Generate at least one programme.")
    if programmes > plan.MAX_PROGRAMMES:
        return _("Generate at most %(max)s programmes.") % {"max": plan.MAX_PROGRAMMES}
    if projects > MAX_PROJECTS or decisions > MAX_DECISIONS:
        return _("Generate at most %(projects)s projects and %(decisions)s decisions.") % {
            "projects": MAX_PROJECTS,
            "decisions": MAX_DECISIONS,
        }
    if decisions and not projects:
        return _("Decisions need projects: give --projects as well.")
    return None


class Writer:
    def __init__(self) -> None:
        self.sqlite = connection.vendor == "sqlite"
        quote = connection.ops.quote_name
        self.statements: dict[str, tuple[str, str]] = {}
        for key, (label, columns) in TABLES.items():
            table = _db_table(label)
            self.statements[key] = (quote(table), ", ".join(quote(c) for c in columns))
        self.statements["search"] = (FTS_TABLE, "kind, object_id, body")

    def write(self, key: str, rows: list[tuple]) -> None:
        if not rows:
            return
        table, columns = self.statements[key]
        if self.sqlite:
            marks = ", ".join("?" * len(rows[0]))
            connection.ensure_connection()
            sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # nosec B608
            connection.connection.executemany(sql, rows)
            return
        sql = f"COPY {table} ({columns}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)


def _db_table(label) -> str:
    if isinstance(label, tuple):
        model, name = label
        return apps.get_model(model)._meta.get_field(name).remote_field.through._meta.db_table
    return apps.get_model(label)._meta.db_table


def _model(key: str):
    return apps.get_model(TABLES[key][0])


def build_world() -> plan.World:
    villages: dict[str, list[str]] = {}
    with VILLAGES_CSV.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            villages.setdefault(row["municipality_code"], []).append(row["name"])
    places: dict[int, list[plan.Place]] = {}
    for m in Municipality.objects.order_by("code"):
        places.setdefault(m.province_id, []).append(plan.Place(m.pk, m.code, m.name))
    provinces = [
        plan.ProvinceInfo(p.pk, p.code, p.name, tuple(places.get(p.pk, ())))
        for p in Province.objects.order_by("code")
    ]
    return plan.World(
        provinces=provinces,
        villages={code: tuple(names) for code, names in villages.items()},
        broad_prosperity=dict(BroadProsperityTheme.objects.values_list("slug", "pk")),
        aware=connection.vendor != "sqlite",
        with_search_rows=connection.vendor == "sqlite",
        ledger_labels={
            "verplichting": _("Commitment by decision %(heading)s"),
            "wijziging": _("Budget change by decision %(heading)s"),
            "correctie": _("Correction by decision %(heading)s"),
        },
    )


def ensure_organisations(regions: list[plan.Region]) -> tuple[dict, list[int]]:
    """The provinces and municipalities as organisations (existing ones are reused, keyed by
    CBS code), and the ministries; returns ({code: (id, name)}, [ministry ids])."""
    province_codes, municipality_codes = plan.organisations_needed(regions)
    codes = province_codes | municipality_codes
    known = {o.cbs_code: (o.pk, o.name) for o in Organisation.objects.filter(cbs_code__in=codes)}
    taken = set(Organisation.objects.values_list("slug", flat=True))
    new = []
    for p in Province.objects.filter(code__in=province_codes - known.keys()).order_by("code"):
        new.append(_public_body(f"Provincie {p.name}", p.code, taken, OrganisationKind.PROVINCIE))
        new[-1].tooi_uri = TOOI_PROVINCIE.format(code=p.code.lower())
    missing = municipality_codes - known.keys()
    for m in Municipality.objects.filter(code__in=missing).order_by("code"):
        new.append(_public_body(f"Gemeente {m.name}", m.code, taken, OrganisationKind.GEMEENTE))
        new[-1].municipality = m
        new[-1].tooi_uri = TOOI_GEMEENTE.format(code=m.code.lower())
    for o in Organisation.objects.bulk_create(new):
        known[o.cbs_code] = (o.pk, o.name)
    ministries = [
        Organisation.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": OrganisationKind.RIJKSOVERHEID}
        )[0].pk
        for name, slug in MINISTRIES
    ]
    return known, ministries


def _public_body(name: str, code: str, taken: set[str], kind: str) -> Organisation:
    slug = slugify(name)
    if slug in taken:
        slug = f"{slug}-{code.lower()}"
    taken.add(slug)
    return Organisation(name=name, slug=slug, kind=kind, cbs_code=code)


def next_ids() -> dict[str, int]:
    start = {}
    with connection.cursor() as cursor:
        for key in WITH_IDS:
            table = connection.ops.quote_name(_model(key)._meta.db_table)
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # nosec B608
            start[key] = cursor.fetchone()[0]
    return start


def generate(
    *, programmes: int, projects: int, decisions: int, seed: int, report: Report | None = None
) -> Summary:
    """Fill the database with synthetic programmes; raises GenerationRefused before writing
    anything when the numbers or the seed do not allow it."""
    problem = check_arguments(programmes, projects, decisions)
    if problem:
        raise GenerationRefused(problem)
    if Programme.objects.filter(slug__endswith=f"-s{seed}").exists():
        raise GenerationRefused(
            _(
                "This database already holds synthetic programmes generated with seed "
                "%(seed)s; choose another seed."
            )
            % {"seed": seed}
        )
    began = time.monotonic()
    summary = Summary()
    report = report or (lambda stage, count: None)
    if not Municipality.objects.exists():
        from regiodeal.organisations.services import load_places

        load_places()
    world = build_world()
    rng = random.Random(seed)
    regions = plan.choose_regions(rng, world, programmes, seed)
    counts = plan.programme_counts(rng, programmes, projects, decisions)
    organisations, ministries = ensure_organisations(regions)
    ids = plan.Ids(next_ids())
    writer = Writer()
    plans = _plans(world, ids, regions, counts, organisations, ministries, seed)
    with _fast_writes():
        for kind, rows in prefetched(plans):
            _write(writer, kind, rows, summary)
            if kind == "programme":
                report("programmes", 1)
            elif kind == "batch":
                for stage, key in STAGE_TABLES.items():
                    report(stage, len(rows[key]))
    _finish(summary)
    summary.seconds = time.monotonic() - began
    return summary


@contextmanager
def _fast_writes():
    """No fsync per commit and, on SQLite, a large page cache while generating. The generator is
    meant for scratch benchmark databases, where a crash halfway means generating again."""
    if connection.vendor == "postgresql":
        # Session settings any user may change: no wait for the WAL flush at each commit, and
        # a larger pending list for the full-text GIN indexes.
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")
            cursor.execute("SET gin_pending_list_limit TO '64MB'")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
                cursor.execute("RESET gin_pending_list_limit")
        return
    if connection.vendor != "sqlite":
        yield
        return
    # SQLite refuses to change the safety level inside a transaction (as in a test).
    outside = not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        synchronous = cursor.fetchone()[0]
        cursor.execute("PRAGMA cache_size")
        cache_size = cursor.fetchone()[0]
        if outside:
            cursor.execute("PRAGMA synchronous = OFF")
        cursor.execute("PRAGMA cache_size = -262144")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if outside:
                cursor.execute(f"PRAGMA synchronous = {int(synchronous)}")
            cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")


def _plans(world, ids, regions, counts, organisations, ministries, seed) -> Iterator[tuple]:
    """("programme" | "batch" | "close", rows) in writing order; pure, so it may run in a
    thread of its own while the previous rows are being written."""
    for region, (n_projects, n_decisions) in zip(regions, counts, strict=True):
        state = plan.plan_programme(
            seed=seed,
            region=region,
            projects=n_projects,
            decisions=n_decisions,
            world=world,
            ids=ids,
            organisations=organisations,
            ministries=ministries,
        )
        yield "programme", {key: state.rows.get(key, []) for key in PROGRAMME_TABLES}
        for start in range(0, n_projects, BATCH):
            yield "batch", plan_batch(state, world, start, min(start + BATCH, n_projects))
        yield "close", _closing_rows(state)


def _closing_rows(state: plan.ProgrammeState) -> dict[str, list]:
    """A besluitenlijst for every held meeting with decisions; meetings that got no decision
    are dropped (a steering group does not publish an empty list), except a draft one."""
    lists, empty = [], []
    introduction = state.rows["programme"][0][7]
    for meeting in state.meetings:
        if not meeting.positions and not meeting.draft:
            empty.append(meeting.id)
        elif not meeting.draft:
            title = DecisionList.title_for(MeetingModel(date=meeting.date))
            lists.append((meeting.id, title, introduction, meeting.published_at, None))
    return {"decision_list": lists, "empty_meetings": empty}


def _write(writer: Writer, kind: str, rows: dict[str, list], summary: Summary) -> None:
    began = time.monotonic()
    with transaction.atomic():
        for key, table_rows in rows.items():
            if key == "empty_meetings":
                _delete_meetings(table_rows)
                summary.counts["meeting"] -= len(table_rows)
                continue
            began_table = time.monotonic()
            writer.write(key, table_rows)
            summary.writing[key] += time.monotonic() - began_table
            summary.counts[key] += len(table_rows)
        began_commit = time.monotonic()
    summary.writing["(commit)"] += time.monotonic() - began_commit
    summary.writing["(all)"] += time.monotonic() - began


def _delete_meetings(ids: list[int]) -> None:
    if not ids:
        return
    table = connection.ops.quote_name(MeetingModel._meta.db_table)
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id IN ({marks})", ids)  # nosec B608


def _finish(summary: Summary) -> None:
    """Sequences past the ids the plan used (PostgreSQL), and fresh planner statistics.

    On PostgreSQL, outside a transaction, also VACUUM: what autovacuum does to a database in
    use after a load of this size (it may be off, as on a scratch server). It sets the
    visibility map, so that index-only scans need not visit the table, and moves the GIN
    indexes' pending lists into the indexes, which searches would otherwise scan in full.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            models = [_model(key) for key in WITH_IDS]
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
            if not connection.in_atomic_block:  # VACUUM refuses to run in a transaction
                cursor.execute("VACUUM (ANALYZE)")
                return
        cursor.execute("ANALYZE")
