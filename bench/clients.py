"""HTTP clients of the benchmark: one sequential client for latency, 32 concurrent for rps.

gunicorn's sync workers close the connection after every response, so each request opens a
new connection; page and floor pay the same for it.
"""

import asyncio
import http.client
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

HOST = "127.0.0.1"
MIN_ROUNDS = 5


def fetch(port: int, path: str, timeout: float = 600) -> tuple[int, float]:
    """(status, milliseconds) of one GET, from connecting until the last byte of the body."""
    start = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        status = response.status
    finally:
        connection.close()
    return status, (time.perf_counter() - start) * 1000


@dataclass
class LatencySamples:
    page_ms: list[float] = field(default_factory=list)
    floor_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    timed_out: bool = False


def measure_latency(
    port: int,
    targets: Sequence[tuple[str, str]],
    *,
    warmup: int,
    requests: int,
    budget: float,
    timeout: float,
    on_error: Callable[[str], None] = print,
) -> LatencySamples:
    """Sequential requests to each (page, floor) pair in turn, cycling over the targets,
    after a warm-up that visits each target.

    Page and floor are interleaved, the order swapped every round, so drift in the machine's
    speed hits both alike. Stops after ``requests`` rounds or ``budget`` seconds (and at least
    MIN_ROUNDS rounds), whichever comes first; a request that takes longer than ``timeout``
    ends the page's measurement (``timed_out``).
    """
    samples = LatencySamples()
    try:
        # A page that takes seconds gets a shorter warm-up and fewer rounds, not hours.
        deadline = time.monotonic() + budget / 4
        # Every target once at least: what a page keeps in the shared aggregate cache (a
        # programme's similar-projects corpus, its filter choices) is then warm, as it is in
        # production between two publications. The page itself is rendered anew every time.
        for number in range(max(warmup, len(targets))):
            if number and time.monotonic() > deadline:
                break
            page, floor = targets[number % len(targets)]
            fetch(port, page, timeout)
            fetch(port, floor, timeout)
        deadline = time.monotonic() + budget
        for number in range(requests):
            if number >= MIN_ROUNDS and time.monotonic() > deadline:
                break
            page, floor = targets[number % len(targets)]
            order = ((page, samples.page_ms), (floor, samples.floor_ms))
            for path, into in order if number % 2 == 0 else reversed(order):
                status, ms = fetch(port, path, timeout)
                if status != 200:
                    samples.errors.append(f"{status} {path}")
                    on_error(f"  {status} for {path}")
                into.append(ms)
    except TimeoutError:
        samples.timed_out = True
        on_error(f"  no answer within {timeout:.0f} s: measurement of this page stopped")
    # A round cut short by a timeout leaves the floor one sample ahead, or behind: both lists
    # keep only whole rounds.
    rounds = min(len(samples.page_ms), len(samples.floor_ms))
    del samples.page_ms[rounds:], samples.floor_ms[rounds:]
    return samples


@dataclass
class Load:
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    client_cpu_seconds: float = 0.0


async def _client(port: int, request: bytes, deadline: float, load: Load) -> None:
    loop = asyncio.get_running_loop()
    while loop.time() < deadline:
        try:
            reader, writer = await asyncio.open_connection(HOST, port)
            writer.write(request)
            await writer.drain()
            data = await reader.read()
            writer.close()
            ok = data.startswith(b"HTTP/1.1 200 ") or data.startswith(b"HTTP/1.0 200 ")
        except OSError:
            ok = False
        if loop.time() <= deadline:
            load.requests += 1
            load.errors += not ok


async def _load(port: int, path: str, clients: int, seconds: float) -> Load:
    request = f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode()
    load = Load()
    start, cpu = time.perf_counter(), time.process_time()
    deadline = asyncio.get_running_loop().time() + seconds
    await asyncio.gather(*(_client(port, request, deadline, load) for _ in range(clients)))
    # Requests that finish after the deadline are not counted, so neither is their time.
    load.seconds = min(seconds, time.perf_counter() - start)
    load.client_cpu_seconds = time.process_time() - cpu
    return load


def measure_throughput(port: int, path: str, *, clients: int, seconds: float) -> Load:
    """Requests per second of ``clients`` concurrent clients, each one request at a time."""
    for _ in range(4):  # both workers' caches and imports warm before the clock starts
        fetch(port, path)
    return asyncio.run(_load(port, path, clients, seconds))
