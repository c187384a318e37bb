"""A new consultant is not left stranded: the empty overview explains invitations, and every
app page links their clients."""

from accounts.consultants import consultant_create


def test_an_empty_overview_explains_how_clients_come(client, db):
    consultant = consultant_create(email="new.coach@example.com", password="coach-password-1")
    client.force_login(consultant)
    html = client.get("/admin/accounts/user/overview/").content.decode()
    assert "data-empty-overview" in html
    assert "Invite the founders you coach" in html
    assert "superuser" not in html.lower()
    assert html.count('href="/consultants/invite/"') == 1  # one invitation link, in the empty state


def test_the_app_navigation_links_a_consultants_clients(client, db):
    consultant = consultant_create(email="new.coach@example.com", password="coach-password-1")
    client.force_login(consultant)
    html = client.get("/consultants/invite/").content.decode()
    assert 'href="/admin/accounts/user/overview/">Your clients</a>' in html


def test_a_founders_navigation_has_no_clients_link(alice_client):
    html = alice_client.get("/tasks/").content.decode()
    assert "/admin/accounts/user/overview/" not in html
