"""Background tasks: queued after the commit, run by the real django-q2 path, retried."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import timezone
from django_q.conf import Conf
from django_q.models import Failure, OrmQ, Success

from gongkai.core import tasks
from gongkai.core.tests import task_functions

RECORD = "gongkai.core.tests.task_functions.record"
FAIL = "gongkai.core.tests.task_functions.fail"


@pytest.fixture(autouse=True)
def _clean_calls():
    task_functions.CALLS.clear()
    yield
    task_functions.CALLS.clear()


@pytest.fixture
def real_queue(monkeypatch):
    """The settings of a deployed site: tasks go to the queue, not run at once."""
    monkeypatch.setattr(Conf, "SYNC", False)


@pytest.mark.django_db
def test_in_the_test_settings_a_task_runs_when_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tasks.enqueue(RECORD, "after commit")
        assert task_functions.CALLS == []  # not before the commit
    assert task_functions.CALLS == ["after commit"]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_queues_nothing(real_queue):
    with pytest.raises(RuntimeError), transaction.atomic():
        tasks.enqueue(RECORD, "never")
        raise RuntimeError("the change fails")
    assert OrmQ.objects.count() == 0
    assert tasks.run_queued_tasks() == 0
    assert task_functions.CALLS == []


@pytest.mark.django_db(transaction=True)
def test_the_real_queue_path_stores_the_task_and_a_worker_runs_it(real_queue):
    with transaction.atomic():
        tasks.enqueue(RECORD, "queued", name="a test task")
    assert OrmQ.objects.count() == 1  # waiting in the database queue
    assert task_functions.CALLS == []
    assert tasks.run_queued_tasks() == 1
    assert task_functions.CALLS == ["queued"]
    assert OrmQ.objects.count() == 0  # acknowledged
    done = Success.objects.get()
    assert done.name == "a test task" and done.result == "queued"


@pytest.mark.django_db(transaction=True)
def test_a_failing_task_is_retried_until_the_attempts_run_out(real_queue, monkeypatch):
    monkeypatch.setattr(Conf, "MAX_ATTEMPTS", 3)
    task_id = tasks.submit(FAIL, "again")
    for attempt in (1, 2, 3):
        assert tasks.run_queued_tasks() == 1
        failure = Failure.objects.get(id=task_id)
        assert failure.attempt_count == attempt
        if attempt < 3:
            # Not acknowledged: the queue holds it until the retry period has passed.
            held = OrmQ.objects.get()
            assert held.lock > timezone.now()
            assert tasks.run_queued_tasks() == 0
            OrmQ.objects.update(lock=timezone.now() - dt.timedelta(seconds=1))
    assert OrmQ.objects.count() == 0  # given up after the last attempt
    assert task_functions.CALLS == ["again"] * 3


@pytest.mark.django_db
def test_in_sync_mode_a_failing_task_fails_the_test(django_capture_on_commit_callbacks):
    with (
        pytest.raises(RuntimeError, match="failed on purpose"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        tasks.enqueue(FAIL, "loud")


def test_a_task_is_named_by_its_dotted_path():
    with pytest.raises(TypeError):
        tasks.enqueue(task_functions.record, "x")  # type: ignore[arg-type]


def _q_cluster(**environ: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    env.update(environ)
    root = Path(__file__).resolve().parents[3]
    return subprocess.run(
        [sys.executable, "-c", "import config.settings as s; print(sorted(s.Q_CLUSTER.items()))"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_the_queue_is_in_the_database_unless_redis_is_configured():
    plain = _q_cluster(GONGKAI_MODE="development")
    assert "('orm', 'default')" in plain and "redis" not in plain and "('sync', False)" in plain
    redis = _q_cluster(GONGKAI_MODE="development", REDIS_URL="redis://127.0.0.1:6379/3")
    assert "('redis', 'redis://127.0.0.1:6379/3')" in redis and "'orm'" not in redis
    assert "('workers', 1)" in plain  # SQLite: one writer
