"""Public reads go to a replica when there is one; the office and every write to the primary."""

from django.http import HttpResponse
from django.test import RequestFactory

from regiodeal.core import db_router
from regiodeal.core.db_router import ReplicaReadsMiddleware, ReplicaRouter, public_reads
from regiodeal.projects.models import Project


def with_replica(monkeypatch) -> None:
    monkeypatch.setattr(db_router, "replicas", lambda: ["replica1"])


def test_reads_use_the_replica_only_inside_public_reads(monkeypatch):
    with_replica(monkeypatch)
    router = ReplicaRouter()
    assert router.db_for_read(Project) == "default"
    with public_reads():
        assert router.db_for_read(Project) == "replica1"
        assert router.db_for_write(Project) == "default"
    assert router.db_for_read(Project) == "default"
    assert router.allow_migrate("replica1", "projects") is False
    assert router.allow_migrate("default", "projects") is True


def test_without_replicas_everything_reads_the_primary():
    with public_reads():
        assert ReplicaRouter().db_for_read(Project) == "default"


def seen_by_middleware(monkeypatch, request) -> str:
    with_replica(monkeypatch)
    seen = []

    def view(request):
        seen.append(ReplicaRouter().db_for_read(Project))
        return HttpResponse()

    ReplicaReadsMiddleware(view)(request)
    return seen[0]


def test_anonymous_public_gets_read_the_replica(monkeypatch):
    request = RequestFactory().get("/projecten/")
    assert seen_by_middleware(monkeypatch, request) == "replica1"


def test_office_sessions_tokens_writes_and_private_pages_read_the_primary(monkeypatch):
    factory = RequestFactory()
    logged_in = factory.get("/projecten/")
    logged_in.COOKIES["sessionid"] = "x"
    for request in (
        logged_in,
        factory.get("/api/v1/besluiten", HTTP_AUTHORIZATION="Token abc"),
        factory.post("/projecten/"),
        factory.get("/beheer/decisions/decision/"),
        factory.get("/mijn-projecten/"),
    ):
        assert seen_by_middleware(monkeypatch, request) == "default", request.path
