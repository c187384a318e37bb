import pytest


@pytest.fixture(autouse=True)
def eager_celery(monkeypatch):
    """The export's task runs in the test, with or without a broker (REDIS_URL)."""
    from outsourcing.celery import app

    monkeypatch.setattr(app.conf, "task_always_eager", True)
