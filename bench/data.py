"""The benchmark's databases: one per (database, scale), generated once and reused.

A marker inside the database (table ``bench_marker``) records what it was generated from:
scale, seed, the latest migration of every app and a hash of the generator's source. When the
marker matches, the database is reused; otherwise, or with ``--fresh``, it is made anew.
"""

import hashlib
import json
import os
import sqlite3
import subprocess  # nosec B404 - runs the project's own console script
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "regiodeal"
DATA = ROOT / "bench" / ".data"
SEED = 2025
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
MARKER_TABLE = "bench_marker"


@dataclass(frozen=True)
class Scale:
    decisions: int
    projects: int
    programmes: int


def scale_for(decisions: int) -> Scale:
    """Projects are a quarter of the decisions; 10 programmes at quick scale, 60 at 100.000 and
    one per 2.000 decisions above (500 at a million: a national instance holds hundreds of
    programmes and funds, and its besluitenlijsten keep the size of a real one, some fifty
    decisions, instead of growing to hundreds)."""
    programmes = 10 if decisions <= 10_000 else min(500, max(60, decisions // 2_000))
    return Scale(decisions, max(decisions // 4, 1), programmes)


@dataclass(frozen=True)
class Database:
    db: str  # "sqlite" or "postgresql"
    scale: Scale

    @property
    def name(self) -> str:
        return f"regiodeal_bench_{self.scale.decisions}"

    @property
    def sqlite_path(self) -> Path:
        return DATA / f"{self.name}.sqlite3"

    @property
    def url(self) -> str:
        if self.db == "sqlite":
            return f"sqlite:///{self.sqlite_path}"
        return f"{POSTGRES_URL.rstrip('/')}/{self.name}"

    def env(self) -> dict[str, str]:
        """The environment of every process that works on this database."""
        var = DATA / "var"
        (var / "static").mkdir(parents=True, exist_ok=True)  # whitenoise warns without it
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "regiodeal.settings.bench",
            "DATABASE_URL": self.url,
            "REGIODEAL_VAR_DIR": str(var),
            # Persistent connections, as a production server behind gunicorn would keep them.
            "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "60"),
        }


def generator_available() -> bool:
    return (SRC / "core" / "management" / "commands" / "generate.py").exists()


def marker(scale: Scale) -> str:
    """What a generated database depends on; a change in any part makes it stale."""
    migrations = {}
    for folder in sorted(SRC.glob("*/migrations")):
        names = sorted(p.stem for p in folder.glob("[0-9]*.py"))
        migrations[folder.parent.name] = names[-1] if names else ""
    sources = sorted((SRC / "synthetic").glob("*.py")) if generator_available() else []
    digest = hashlib.sha256()
    for path in sources:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    generator = digest.hexdigest()[:16] if sources else "demo"
    return json.dumps(
        {"scale": scale.__dict__, "seed": SEED, "migrations": migrations, "generator": generator},
        sort_keys=True,
    )


def _admin() -> psycopg.Connection:
    return psycopg.connect(f"{POSTGRES_URL.rstrip('/')}/postgres", autocommit=True)


def _stored_marker(database: Database) -> str | None:
    query = f"SELECT value FROM {MARKER_TABLE}"  # nosec B608 - a constant table name
    try:
        if database.db == "sqlite":
            if not database.sqlite_path.exists():
                return None
            with sqlite3.connect(database.sqlite_path) as connection:
                row = connection.execute(query).fetchone()
        else:
            with psycopg.connect(database.url) as connection:
                row = connection.execute(query).fetchone()
    except (sqlite3.Error, psycopg.Error):
        return None
    return row[0] if row else None


def _store_marker(database: Database, value: str) -> None:
    create = f"CREATE TABLE {MARKER_TABLE} (value TEXT NOT NULL)"
    if database.db == "sqlite":
        with sqlite3.connect(database.sqlite_path) as connection:
            connection.execute(create)
            connection.execute(f"INSERT INTO {MARKER_TABLE} VALUES (?)", (value,))  # nosec B608
    else:
        with psycopg.connect(database.url) as connection:
            connection.execute(create)
            connection.execute(f"INSERT INTO {MARKER_TABLE} VALUES (%s)", (value,))  # nosec B608


def _drop_and_create(database: Database) -> None:
    if database.db == "sqlite":
        DATA.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{database.sqlite_path}{suffix}").unlink(missing_ok=True)
        return
    with _admin() as connection:
        # The name is built from an int only; identifiers cannot be parameters.
        connection.execute(f'DROP DATABASE IF EXISTS "{database.name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{database.name}"')


def _regiodeal(database: Database, *args: str) -> None:
    command = [str(Path(sys.executable).parent / "regiodeal"), *args]
    subprocess.run(command, env=database.env(), check=True, cwd=ROOT)  # nosec B603


def prepare(database: Database, *, fresh: bool, log=print) -> float:
    """Make sure the database holds the generated data; returns the seconds it took to make
    it (0 when an existing one was reused)."""
    wanted = marker(database.scale)
    if not fresh and _stored_marker(database) == wanted:
        log(f"{database.db} {database.scale.decisions:,}: reusing {database.name}")
        return 0.0
    start = time.perf_counter()
    log(f"{database.db} {database.scale.decisions:,}: generating {database.name} …")
    _drop_and_create(database)
    _regiodeal(database, "migrate", "--no-input", "--verbosity", "0")
    if generator_available():
        scale = database.scale
        _regiodeal(
            database,
            "generate",
            "--programmes", str(scale.programmes),
            "--projects", str(scale.projects),
            "--decisions", str(scale.decisions),
            "--seed", str(SEED),
            "--no-progress",
        )  # fmt: skip
    else:
        # Until the generator exists the harness runs against the demo data.
        _regiodeal(database, "demo")
    _store_marker(database, wanted)
    return time.perf_counter() - start
