import pytest

from api import tokens
from tasks.tests.factories import make_delegate, make_task

SECRET_TITLE = "Charlie's secret client"


@pytest.fixture
def founders(alice, charlie):
    """Alice with a task and a delegate; Charlie with the same, under a title that must never
    show up in Alice's answers."""
    make_task(alice, title="Inbox triage")
    make_delegate(alice, name="Maria")
    make_task(charlie, title=SECRET_TITLE)
    make_delegate(charlie, name=SECRET_TITLE)
    return alice, charlie


@pytest.fixture
def write_token(founders):
    return tokens.token_create(founder=founders[0], name="Zapier", scope="read_write")[1]


@pytest.fixture
def read_token(founders):
    return tokens.token_create(founder=founders[0], name="Sheets", scope="read")[1]


@pytest.fixture
def api(client):
    """A JSON client: api.get(path, token) and friends."""

    class Api:
        def call(self, method, path, token=None, data=None, **headers):
            if token:
                headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
            return getattr(client, method)(
                path, data=data, content_type="application/json", **headers
            )

    return Api()
