"""No cache keeps a private page (security issue #19, item 6): every page a logged-in user
gets, the CSV export and the delegate's handover page answer `no-store, private`."""

import pytest

from sops import services as sops_services
from sops.models import HandoverLink


def _private(response) -> bool:
    parts = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= parts


@pytest.mark.parametrize("path", ["/", "/settings/", "/tasks/", "/tasks/export.csv", "/delegates/"])
def test_a_founders_pages_and_the_export_are_not_cached(alice_client, path):
    response = alice_client.get(path)
    assert response.status_code == 200
    assert _private(response)


def test_the_handover_page_is_not_cached(client, cast):
    link = HandoverLink.objects.filter(instruction__owner=cast.founders["alice"]).first()
    response = client.get(sops_services.handover_path(link))
    assert response.status_code == 200
    assert _private(response)
