"""No admin path reveals a handover link's signed URL (security issue #8, hole 1).

The admin's "view on site" shortcut, /admin/r/<content type>/<id>/, only asks for is_staff and
redirects to the object's get_absolute_url(). A handover link's URL is its secret.
"""

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType

from accounts.models import User
from sops.models import HandoverLink

HANDOVER = "/instructions/handover/"


@pytest.fixture
def bare_staff(db):
    """Staff, no group, no permissions at all."""
    return User.objects.create_user(email="staff@example.com", password="x", is_staff=True)


@pytest.mark.parametrize("who", ["bob", "bare", "root"])
def test_view_on_site_never_redirects_to_a_handover_link(client, cast, bare_staff, who):
    user = {"bob": cast.consultants["bob"], "bare": bare_staff, "root": cast.root}[who]
    client.force_login(user)
    content_type = ContentType.objects.get_for_model(HandoverLink)
    for link in HandoverLink.objects.all():
        response = client.get(f"/admin/r/{content_type.pk}/{link.pk}/")
        assert response.status_code == 404
        assert HANDOVER not in response.get("Location", "")


def test_no_admin_offers_view_on_site():
    for model, model_admin in admin.site._registry.items():
        if hasattr(model, "get_absolute_url"):
            assert model_admin.view_on_site is False, f"{model.__name__} offers view on site"
        for inline in model_admin.inlines:
            if hasattr(inline.model, "get_absolute_url"):
                assert inline.view_on_site is False, f"{inline.__name__} offers view on site"
    assert not hasattr(HandoverLink, "get_absolute_url")


def test_the_founder_still_sees_the_link_on_their_instruction_page(client, cast):
    alice = cast.founders["alice"]
    link = HandoverLink.objects.filter(instruction__owner=alice).first()
    client.force_login(alice)
    page = client.get(f"/instructions/{link.instruction_id}/").content.decode()
    assert HANDOVER in page


def test_no_admin_page_of_a_link_shows_its_url(client, cast):
    client.force_login(cast.root)
    link = HandoverLink.objects.first()
    for url in ("/admin/sops/handoverlink/", f"/admin/sops/handoverlink/{link.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 200
        assert HANDOVER not in response.content.decode()
