"""Safe defaults and production settings (security issue #8, hole 2 and deployment).

Each case starts manage.py in a fresh process with a controlled environment: settings are
read once per process.
"""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

LONG_KEY = "k3y-" + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP"
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": LONG_KEY,
    "ALLOWED_HOSTS": "buyback.example.com",
    "SITE_URL": "https://buyback.example.com",
}
SHOWN = (
    "DEBUG SECRET_KEY SECURE_SSL_REDIRECT SESSION_COOKIE_SECURE CSRF_COOKIE_SECURE "
    "SECURE_HSTS_SECONDS SECURE_PROXY_SSL_HEADER SECURE_REDIRECT_EXEMPT"
).split()


def manage(*args, **env):
    return python("manage.py", *args, **env)


def python(*args, **env):
    # Not what the tests set for themselves (browser tests allow async-unsafe ORM calls).
    unset = ("DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    base = {k: v for k, v in os.environ.items() if k not in unset}
    base["DJANGO_SETTINGS_MODULE"] = "outsourcing.settings"
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=base | env,
        capture_output=True,
        text=True,
        check=False,
    )


def settings_with(**env) -> dict:
    # Settings alone, without setting up the apps: what a process reads at start.
    code = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n, None) for n in {SHOWN!r}}}))"
    )
    done = python("-c", code, **env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_without_debug_and_key_check_refuses_and_names_what_to_set():
    done = manage("check")
    assert done.returncode != 0
    assert "SECRET_KEY is not set" in done.stderr
    assert "DEBUG=true" in done.stderr


def test_the_public_development_key_is_no_key():
    done = manage("check", SECRET_KEY=settings.DEV_SECRET_KEY)
    assert done.returncode != 0
    assert "SECRET_KEY is not set" in done.stderr


def test_debug_is_off_unless_set():
    assert settings_with(SECRET_KEY=LONG_KEY)["DEBUG"] is False


def test_debug_on_runs_with_the_development_key():
    shown = settings_with(DEBUG="true")
    assert shown["DEBUG"] is True
    assert shown["SECURE_SSL_REDIRECT"] is False
    assert shown["SESSION_COOKIE_SECURE"] is False


def test_production_environment_passes_the_deploy_check():
    done = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert done.returncode == 0, done.stderr


def test_the_deploy_check_wants_an_https_site_url():
    done = manage(
        "check", "--deploy", "--fail-level", "WARNING", **(PRODUCTION | {"SITE_URL": "http://x"})
    )
    assert done.returncode != 0
    assert "outsourcing.W001" in done.stderr


def test_production_is_https_with_healthz_exempt_from_the_redirect():
    shown = settings_with(**PRODUCTION)
    assert shown["SECURE_SSL_REDIRECT"] is True
    assert shown["SESSION_COOKIE_SECURE"] is True and shown["CSRF_COOKIE_SECURE"] is True
    assert shown["SECURE_HSTS_SECONDS"] >= 31536000
    assert shown["SECURE_PROXY_SSL_HEADER"] is None
    assert any(__import__("re").match(p, "healthz") for p in shown["SECURE_REDIRECT_EXEMPT"])


@pytest.mark.parametrize("name", ["SECURE_SSL_REDIRECT", "SECURE_COOKIES"])
def test_a_plain_http_benchmark_can_turn_redirect_and_secure_cookies_off(name):
    shown = settings_with(**PRODUCTION, **{name: "false"})
    if name == "SECURE_SSL_REDIRECT":
        assert shown["SECURE_SSL_REDIRECT"] is False
    else:
        assert shown["SESSION_COOKIE_SECURE"] is False and shown["CSRF_COOKIE_SECURE"] is False


def test_behind_a_proxy_the_forwarded_proto_header_counts():
    shown = settings_with(**PRODUCTION, SECURE_PROXY_SSL_HEADER="true")
    assert shown["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_the_ssl_redirect_spares_the_health_check_only(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/accounts/login/").status_code == 301
    response = client.get("/healthz")
    assert response.status_code in (200, 503)
    assert response.json()["status"] in ("ok", "degraded", "down")  # answered, not redirected
