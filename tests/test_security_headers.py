"""Headers, templates without inline script or style, cookies, sign-in and sign-out, password
rules, throttling of failed sign-ins, and the production settings."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from . import factories as f
from .factories import PASSWORD

pytestmark = pytest.mark.django_db

BASE_DIR = Path(settings.BASE_DIR)
# Every app's templates: the pages', the API's and the e-mails'.
TEMPLATES = sorted(
    path for folder in BASE_DIR.glob("*/templates") for path in folder.rglob("*.html")
)


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.mark.parametrize("path", ["/", "/search/", "/accounts/login/", "/api/", "/no-such-page/"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    directives = csp_directives(response)
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}


def test_no_template_has_inline_script_or_style():
    problems = []
    for template in TEMPLATES:
        text = template.read_text(encoding="utf-8")
        name = template.relative_to(BASE_DIR)
        if "email" in template.parts:
            # E-mails are never served under the site's CSP, and mail programs ignore
            # stylesheets: their styles must be inline. Script would still be wrong.
            if re.search(r"<script\b|\son[a-z]+\s*=|javascript:", text, flags=re.I):
                problems.append(f"{name}: script in an e-mail")
            continue
        for match in re.finditer(r"<script\b([^>]*)>(.*?)</script>", text, flags=re.S | re.I):
            attrs, body = match.groups()
            kind = re.search(r"""\btype\s*=\s*["']?([^"'\s>]+)""", attrs, flags=re.I)
            executable = (kind.group(1).lower() if kind else "") in EXECUTABLE_TYPES
            if executable and body.strip():
                problems.append(f"{name}: inline script")
        if re.search(r"\sstyle\s*=", text, flags=re.I):
            problems.append(f"{name}: style attribute")
        if re.search(r"<style\b", text, flags=re.I):
            problems.append(f"{name}: <style> element")
        if re.search(r"""\son[a-z]+\s*=\s*["']""", text, flags=re.I):
            problems.append(f"{name}: inline event handler")
        if re.search(r"""href\s*=\s*["']\s*javascript:""", text, flags=re.I):
            problems.append(f"{name}: javascript: link")
    assert not problems


def sign_in(client, username: str, password: str):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_the_session_cookie_is_http_only_and_same_site_lax(client):
    user = f.UserFactory(username="officer")
    response = sign_in(client, user.username, PASSWORD)
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert settings.CSRF_COOKIE_SAMESITE == "Lax"


def test_logout_is_by_post_only(client):
    client.force_login(f.UserFactory(username="officer"))
    response = client.get("/accounts/logout/")
    assert response.status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("password", ["password123", "Short1!", "12345678901234", ""])
def test_weak_passwords_are_refused(password):
    user = f.UserFactory.build(username="janedoe", email="jane@example.org")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_strong_password_passes():
    validate_password("grey lantern orchard 47", f.UserFactory.build(username="janedoe"))


def test_repeated_failed_sign_ins_lock_that_account_out_and_nothing_else(client, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    victim = f.UserFactory(username="victim")
    bystander = f.UserFactory(username="bystander")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, victim.username, "wrong password")
        assert response.status_code in (200, 429, 403)
        assert "_auth_user_id" not in client.session
    response = sign_in(client, victim.username, PASSWORD)
    assert response.status_code in (429, 403)
    assert "Too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account from the same address is not locked.
    response = sign_in(client, bystander.username, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(bystander.pk)


def _run(code_or_args: list[str], **env) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for the live server; a deployment
        # never would, and the deploy check rightly refuses it.
        if key
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DEBUG",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, *code_or_args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="false",
        SECRET_KEY="k3v9-Xq2!pLr8#Zt6@Wm1$Hc5^Nb4&Jd7*Fs0(Gy2)Qa9_Ue3+",
        ALLOWED_HOSTS="boards.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "secret_key", [None, "too-short", "development-only-secret-key-not-for-production"]
)
def test_production_refuses_to_start_without_a_real_secret_key(secret_key):
    env = {"DEBUG": "false"} if secret_key is None else {"DEBUG": "false", "SECRET_KEY": secret_key}
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; django.setup()"
    )
    result = _run(["-c", code], **env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_the_csrf_cookie_is_http_only_and_no_script_of_ours_reads_cookies(client):
    response = client.get("/accounts/login/")
    cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    scripts = [*(BASE_DIR / "static" / "js").rglob("*js"), *TEMPLATES]
    assert [p.name for p in scripts if "document.cookie" in p.read_text(encoding="utf-8")] == []


PROXY_PROBE = """
import django, os
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
django.setup()
from axes.helpers import get_client_ip_address
from django.http import HttpResponse
from django.middleware.security import SecurityMiddleware
from django.test import RequestFactory
request = RequestFactory().get(
    "/",
    REMOTE_ADDR="10.0.0.2",
    HTTP_X_FORWARDED_PROTO="https",
    HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7",
)
redirect = SecurityMiddleware(lambda r: HttpResponse()).process_request(request)
print(request.is_secure(), redirect and redirect["Location"], get_client_ip_address(request))
"""
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k3v9-Xq2!pLr8#Zt6@Wm1$Hc5^Nb4&Jd7*Fs0(Gy2)Qa9_Ue3+",
    "ALLOWED_HOSTS": "testserver",
}


def test_forwarded_headers_from_a_visitor_are_not_trusted_by_default():
    result = _run(["-c", PROXY_PROBE], **PRODUCTION)
    assert result.returncode == 0, result.stderr
    # Still plain HTTP, so still redirected; failed sign-ins count against the real peer.
    assert result.stdout.split() == ["False", "https://testserver/", "10.0.0.2"]


def test_behind_a_proxy_its_forwarded_scheme_and_address_are_used():
    result = _run(["-c", PROXY_PROBE], BEHIND_PROXY="true", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    # The address the proxy appended, not the one the visitor put before it.
    assert result.stdout.split() == ["True", "None", "198.51.100.7"]


def test_a_made_up_forwarded_address_does_not_escape_the_lockout(client, settings):
    victim = f.UserFactory(username="victim")
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/accounts/login/",
            {"username": victim.username, "password": "wrong password"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    response = client.post(
        "/accounts/login/",
        {"username": victim.username, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.200",
    )
    assert "Too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session
