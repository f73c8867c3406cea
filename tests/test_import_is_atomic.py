"""An import killed halfway (SIGKILL, no chance to clean up) leaves the database as it was."""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.db import connection

from regiodeal.decisions.models import Decision, Meeting
from regiodeal.ingest.models import SourceDocument
from regiodeal.projects.models import Project

SEED = Path(__file__).parent / "corpus" / "seed-besluitenlijst-december-2021.txt"

# Runs the real import command in another process, pausing it after two of the five decisions
# have been written inside the import's transaction.
DRIVER = textwrap.dedent(
    """
    import sys, time
    import django
    django.setup()
    from regiodeal.ingest import services
    original, written = services._draft_decision, []

    def slow(*args, **kwargs):
        result = original(*args, **kwargs)
        written.append(result)
        if len(written) == 2:
            print("HALFWAY", flush=True)
            time.sleep(120)
        return result

    services._draft_decision = slow
    from django.core.management import call_command
    call_command("import", sys.argv[1], "--programme", sys.argv[2])
    """
)


def _database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user, host, port = settings["USER"], settings["HOST"], settings["PORT"] or 5432
    return f"postgres://{user}@{host}:{port}/{settings['NAME']}"


def _counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (SourceDocument, Meeting, Decision, Project))


@pytest.mark.django_db(transaction=True)
def test_import_killed_halfway_leaves_the_database_unchanged(demo, tmp_path):
    before = _counts()
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER)
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "regiodeal.settings.test",
        "DATABASE_URL": _database_url(),
        "REGIODEAL_VAR_DIR": str(tmp_path),
    }
    connection.close()  # SQLite: let the other process take the write lock
    process = subprocess.Popen(
        [sys.executable, str(driver), str(SEED), demo.slug],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert line.strip() == "HALFWAY", line + process.stderr.read()
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL
    assert _counts() == before
