"""The API against its own OpenAPI schema, with a founder's read-and-write token: no 5xx,
every response as the schema says, and the second founder's data never in an answer."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from api.tests.conftest import SECRET_TITLE

pytestmark = [pytest.mark.api, pytest.mark.django_db]


@pytest.fixture
def api_schema(db):
    # As Django's test client does: a request's end must not close the test's connection
    # (it is inside the test's transaction; on PostgreSQL closing it loses everything).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_its_schema(case, write_token, founders, settings):
    settings.API_RATE = "100000/minute"
    response = case.call_and_validate(
        headers={"Authorization": f"Bearer {write_token}"},
        # Not checked: that unknown query parameters are refused (they are ignored, as web APIs
        # do), and that every schema-valid body is accepted (the services' rules, such as the
        # 168 hours of a week, refuse some with a 400). Everything else is.
        excluded_checks=[
            schemathesis.checks.negative_data_rejection,
            schemathesis.checks.positive_data_acceptance,
        ],
    )
    assert response.status_code < 500
    assert SECRET_TITLE not in response.text
