"""The Celery app the benchmark's workers run: the project's app, plus a count of the SQL
queries each task makes, appended to $BENCH_QUERY_LOG (one line per task). Bench only."""

import os

from celery.signals import task_postrun, task_prerun

from outsourcing.celery import app

__all__ = ["app"]
_state = {"count": 0, "wrapper": None}


def _count(execute, sql, params, many, context):
    _state["count"] += 1
    return execute(sql, params, many, context)


@task_prerun.connect
def _start_counting(**_kwargs):
    from django.db import connection

    _state["count"] = 0
    _state["wrapper"] = connection.execute_wrapper(_count)
    _state["wrapper"].__enter__()


@task_postrun.connect
def _stop_counting(task=None, **_kwargs):
    if _state["wrapper"] is not None:
        _state["wrapper"].__exit__(None, None, None)
        _state["wrapper"] = None
    with open(os.environ["BENCH_QUERY_LOG"], "a") as log:
        log.write(f"{task.name} {_state['count']}\n")
