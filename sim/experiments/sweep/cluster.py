"""Dask clusters for sweeps: the scheduler's address checked and reached before any run, and a
watch that ends a sweep whose cluster is gone.

* :func:`check_address` refuses a malformed ``--scheduler`` in one line naming the expected
  form (``tcp://HOST:PORT``).
* :func:`connect` opens a plain TCP connection first (``CONNECT_TIMEOUT_S``), then the Dask
  client with the same timeout, so an unreachable scheduler is one line within seconds.
* :class:`ClusterWatch` is polled by the sweep while it waits for runs: when the cluster has no
  worker for ``WORKERLESS_GRACE_S`` seconds, or its scheduler stops answering for as long, it
  raises :class:`ClusterLost`. A lost connection to the scheduler cancels every Dask future,
  which the sweep sees at once (:data:`SCHEDULER_LOST`).

Dask itself is imported only by :func:`connect` (the ``cluster`` extra).
"""

from __future__ import annotations

import re
import socket
import threading
import time
from typing import Any

from sim.errors import SweepError

#: Address schemes of Dask's TCP-based transports (a bare HOST:PORT means tcp).
SCHEMES = ("tcp", "tls", "ws", "wss")
#: Seconds allowed to reach the scheduler: the TCP connection, then the Dask handshake.
CONNECT_TIMEOUT_S = 5.0
#: Seconds a sweep waits with no worker in the cluster (or no answer from its scheduler)
#: before it stops; long enough for a nanny to restart its worker or a node to join.
WORKERLESS_GRACE_S = 60.0
#: Seconds between two looks at the cluster while the sweep waits for runs.
POLL_S = 2.0

EXAMPLE = "tcp://10.0.0.5:8786"
_ADDRESS = re.compile(r"(?:(?P<scheme>[A-Za-z0-9+.-]+)://)?"
                      r"(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+):(?P<port>[0-9]{1,5})/?")


class ClusterLost(SweepError):
    """The cluster running a sweep went away (every worker, or the scheduler)."""


SCHEDULER_LOST = "lost the connection to the Dask scheduler (Dask cancels every run then)"


def check_address(address: str) -> tuple[str, str, int]:
    """``(scheme, host, port)`` of a well-formed scheduler address, else one line naming
    ``--scheduler`` and the expected form."""
    match = _ADDRESS.fullmatch(address.strip()) if isinstance(address, str) else None
    port = int(match["port"]) if match else 0
    scheme = (match["scheme"] or "tcp").lower() if match else ""
    if match is None or not 1 <= port <= 65535 or scheme not in SCHEMES:
        raise SweepError(f"--scheduler {address!r}: expected SCHEME://HOST:PORT with SCHEME "
                         f"one of {', '.join(SCHEMES)} and PORT 1-65535, e.g. {EXAMPLE}")
    return scheme, match["host"].strip("[]"), port


def reachable(address: str, timeout: float = CONNECT_TIMEOUT_S) -> None:
    """Open (and close) a TCP connection to the scheduler within ``timeout`` seconds, else one
    line saying why. On ``tcp``, a Dask server speaks first (its handshake): a port that
    accepts the connection but stays silent for ``timeout`` seconds is not a scheduler (Dask's
    own client would wait for it forever)."""
    scheme, host, port = check_address(address)
    try:
        with socket.create_connection((host, port), timeout=timeout) as connection:
            if scheme == "tcp" and not connection.recv(1):
                raise SweepError(f"--scheduler {address}: the connection was closed at once; "
                                 "is this the address of a Dask scheduler?")
    except socket.gaierror:
        raise SweepError(f"--scheduler {address}: unknown host '{host}'") from None
    except TimeoutError:
        raise SweepError(f"--scheduler {address}: no answer within {timeout:g} s; is this the "
                         "address of a Dask scheduler, and its port open?") from None
    except ConnectionRefusedError:
        raise SweepError(f"--scheduler {address}: connection refused (nothing listens on port "
                         f"{port}); is the Dask scheduler running?") from None
    except OSError as err:
        raise SweepError(f"--scheduler {address}: cannot connect: "
                         f"{err.strerror or type(err).__name__}") from None


def connect(address: str, timeout: float = CONNECT_TIMEOUT_S) -> Any:
    """A ``distributed.Client`` of the scheduler at ``address``, checked and reached within
    ``timeout`` seconds (a TCP connection first, then the client), else one line."""
    reachable(address, timeout)
    from distributed import Client  # the cluster extra: imported only when asked for

    made: list = []

    def make() -> None:  # in a thread: Dask's handshake itself has no deadline
        try:
            made.append(Client(address.strip(), timeout=timeout))
        except Exception as err:  # e.g. a port that answers but is not a Dask scheduler
            made.append(err)

    thread = threading.Thread(target=make, name="laborsim-connect", daemon=True)
    thread.start()
    thread.join(timeout + 1)
    if not made or isinstance(made[0], Exception):
        why = type(made[0]).__name__ if made else "no handshake"
        raise SweepError(f"--scheduler {address}: did not answer as a Dask scheduler within "
                         f"{timeout:g} s ({why}); is this the address of a Dask "
                         "scheduler?")
    return made[0]


def threads(client: Any, timeout: float = CONNECT_TIMEOUT_S) -> int:
    """The cluster's worker threads now (asks the scheduler, waiting at most ``timeout``)."""
    return sum(client.nthreads(callback_timeout=timeout).values())


class ClusterWatch:
    """Polled while a sweep waits for runs (at most every ``poll`` seconds); raises
    :class:`ClusterLost` once the cluster has had no worker, or its scheduler has not
    answered, for ``grace`` seconds, or the client has lost its scheduler."""

    def __init__(self, client: Any):
        self.client = client
        self.address = getattr(getattr(client, "scheduler", None), "address", "")
        self.grace = WORKERLESS_GRACE_S  # read when the watch starts (tests shorten them)
        self.poll = POLL_S
        self.last = float("-inf")
        self.trouble: tuple[str, float] | None = None  # what is wrong, and since when

    def where(self) -> str:
        return f"the Dask cluster at {self.address}" if self.address else "the Dask cluster"

    def lost(self) -> ClusterLost:
        """The error of a sweep whose runs Dask cancelled: the scheduler went away."""
        return ClusterLost(f"{self.where()}: {SCHEDULER_LOST}")

    def __call__(self) -> None:
        now = time.monotonic()
        if now - self.last < self.poll:
            return
        self.last = now
        if self.client.status != "running":  # "connecting" after a lost scheduler, "closed"
            raise self.lost()
        try:
            problem = None if threads(self.client, max(self.poll, 1.0)) else "no worker"
        except Exception:  # a timeout or a closed connection: the scheduler does not answer
            problem = "no answer from the scheduler"
        if problem is None:
            self.trouble = None
            return
        self.trouble = (problem, now if self.trouble is None else self.trouble[1])
        waited = now - self.trouble[1]
        if waited >= self.grace:
            what = ("every worker is gone" if problem == "no worker"
                    else "its scheduler does not answer")
            raise ClusterLost(f"{self.where()}: {what} ({problem} for {waited:.0f} s)")


def watch_of(executor: Any) -> ClusterWatch | None:
    """A :class:`ClusterWatch` for a Dask client's executor (``client.get_executor()``), None
    for any other executor."""
    client = getattr(executor, "_client", None)
    if client is None or not type(executor).__module__.startswith("distributed"):
        return None
    return ClusterWatch(client)
