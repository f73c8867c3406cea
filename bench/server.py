"""A production server for the benchmark: gunicorn with 2 sync workers on a free local port."""

import http.client
import os
import socket
import subprocess  # nosec B404 - starts gunicorn from this virtualenv
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2
READY_PATH = "/_floor/home"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _ready(port: int) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", READY_PATH)
        status = connection.getresponse().status
        connection.close()
        return status == 200
    except OSError:
        return False


# The cache of the benchmark's servers: Redis, as in production (docs/deployment.md), when one
# answers; otherwise Django's local memory, one per worker. BENCH_CACHE_URL overrides.
BENCH_REDIS = "redis://127.0.0.1:6379/13"


def cache_url() -> str | None:
    """The shared cache to run the servers with, emptied: no entry outlives one server."""
    url = os.environ.get("BENCH_CACHE_URL", BENCH_REDIS)
    if not url.startswith("redis://"):
        return url or None
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1)
        client.flushdb()
    except redis.RedisError:
        return None
    return url


@contextmanager
def gunicorn(
    env: dict[str, str], *, page_cache: bool, request_timeout: int = 600, timeout: float = 120
) -> Iterator[int]:
    """Runs gunicorn for the duration of the block and yields its port; always stops it."""
    port = free_port()
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "regiodeal.wsgi",
        "--workers", str(WORKERS),
        "--bind", f"127.0.0.1:{port}",
        # A page of the largest scale may take longer than gunicorn's default 30 s; past
        # request_timeout the worker is killed (and restarted), so that a page the client
        # gave up on does not keep a CPU busy.
        "--timeout", str(request_timeout),
        "--log-level", "warning",
    ]  # fmt: skip
    env = {**env, "REGIODEAL_PAGE_CACHE": "1" if page_cache else "0"}
    if (cache := cache_url()) and "CACHE_URL" not in env:
        env["CACHE_URL"] = cache
    process = subprocess.Popen(command, env=env, cwd=ROOT)  # nosec B603
    try:
        deadline = time.monotonic() + timeout
        while not _ready(port):
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start (exit {process.returncode})")
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn not ready after {timeout:.0f} s")
            time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
