"""Background tasks: work that must not hold up a page (sending e-mail, parsing a large
upload) runs in a worker process, `gongkai manage qcluster`, through django-q2.

The queue is in the database by default and in Redis when ``REDIS_URL`` is set
(``settings.Q_CLUSTER``, docs/operations.md). A task that raises is not acknowledged, so the
queue delivers it again after the retry period, up to the configured number of attempts: a
task runs **at least once** and must be harmless to run twice (check what is already done
first). Tasks take plain arguments — ids and strings, never model instances — and find
their objects themselves, because they run later and in another process.

Two ways in:

* ``enqueue(func, …)`` queues the call **when the current transaction commits** (at once
  outside a transaction). A task reads what the transaction wrote, and a change that rolls
  back must cause nothing — no e-mail about an application that was never stored.
* ``submit(func, …)`` queues it now and returns the task id, for a caller that waits for the
  result (``django_q.tasks.result(task_id, wait=milliseconds)``), e.g. a time-limited parse.

With ``Q_CLUSTER["sync"]`` (the test settings) a queued task runs at once in the calling
process and its exception propagates; ``run_queued_tasks`` runs what a queue holds in this
process through django-q2's own pusher, worker and monitor — the real queue path, used by the
tests and usable for a one-off run without a cluster.
"""

from __future__ import annotations

import logging
from multiprocessing import Event, Queue, Value
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)


def _options(name: str, timeout: int | None) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if name:
        options["task_name"] = name
    if timeout is not None:
        options["timeout"] = timeout
    return options


def submit(func: str, *args: Any, name: str = "", timeout: int | None = None, **kwargs: Any) -> str:
    """Queue ``func`` (a dotted path) now; return the task id. ``timeout`` (seconds)
    overrides the cluster's limit for this task: the worker running it is stopped then."""
    from django_q.tasks import async_task

    if not isinstance(func, str):
        raise TypeError("a task is named by its dotted path, so that the worker can import it")
    return str(async_task(func, *args, q_options=_options(name, timeout), **kwargs))


def sync_mode() -> bool:
    from django_q.conf import Conf

    return bool(Conf.SYNC)


def enqueue(func: str, *args: Any, name: str = "", timeout: int | None = None, **kwargs: Any) -> None:
    """Queue ``func`` (a dotted path) with plain arguments once the current transaction
    commits. A failure to reach the queue after the commit is logged (the change stands);
    in sync mode (tests) the task's own error propagates."""
    if not isinstance(func, str):
        raise TypeError("a task is named by its dotted path, so that the worker can import it")

    def push() -> None:
        submit(func, *args, name=name, timeout=timeout, **kwargs)

    transaction.on_commit(push, robust=not sync_mode())


def run_queued_tasks(*, limit: int = 100) -> int:
    """Run the tasks waiting in the queue, in this process, through django-q2's pusher,
    worker and monitor (results saved, successes acknowledged, failures left for retry).
    Returns how many ran. For tests and one-off runs; production runs ``qcluster``."""
    from django_q.brokers import get_broker
    from django_q.monitor import monitor
    from django_q.pusher import pusher
    from django_q.worker import worker

    broker = get_broker()
    ran = 0
    while ran < limit:
        task_queue: Any = Queue()
        result_queue: Any = Queue()
        stop = Event()
        stop.set()  # the pusher takes one batch and returns
        pusher(task_queue, stop, broker=broker)
        batch = task_queue.qsize()
        if batch == 0:
            break
        task_queue.put("STOP")
        worker(task_queue, result_queue, Value("f", -1))
        result_queue.put("STOP")
        monitor(result_queue, broker=broker)
        for handle in (task_queue, result_queue):
            handle.close()
            handle.join_thread()
        ran += batch
    return ran
