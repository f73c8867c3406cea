"""Accounts and headers: throttled logins, optional two-factor login, CSP, a clean deploy check."""

import os
import secrets
import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from regiodeal.core.roles import Role, group_of

pytestmark = pytest.mark.django_db

LOGIN = "/beheer/login/"
PASSWORD = "een-lang-en-sterk-wachtwoord-42"


@pytest.fixture
def office_user():
    user = User.objects.create_user("kantoor", password=PASSWORD, is_staff=True)
    user.groups.add(group_of(Role.MEDEWERKER))  # the back office needs a role
    return user


def _login(client, password: str, token: str = "", device: str = ""):
    data = {"username": "kantoor", "password": password, "next": "/beheer/"}
    data |= {"otp_token": token, "otp_device": device}
    return client.post(f"{LOGIN}?next=/beheer/", data)


def test_login_without_second_factor_when_none_is_set_up(client, office_user):
    response = _login(client, PASSWORD)
    assert response.status_code == 302
    assert client.get("/beheer/").status_code == 200


def test_an_account_with_a_device_needs_its_token(client, office_user):
    device = TOTPDevice.objects.create(user=office_user, name="telefoon", confirmed=True)
    assert _login(client, PASSWORD).status_code == 200  # the form again, not logged in
    assert client.get("/beheer/").status_code == 302
    token = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    response = _login(client, PASSWORD, token, device.persistent_id)
    assert response.status_code == 302
    assert client.get("/beheer/").status_code == 200


def test_a_session_without_the_second_factor_cannot_reach_the_back_office(client, office_user):
    client.force_login(office_user)
    assert client.get("/beheer/").status_code == 200
    TOTPDevice.objects.create(user=office_user, name="telefoon", confirmed=True)
    assert client.get("/beheer/").status_code == 302  # back to the login


def test_repeated_failed_logins_lock_the_account_out(client, office_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "fout")
    response = _login(client, PASSWORD)
    assert response.status_code == 429
    assert client.get("/beheer/").status_code == 302


def test_pages_carry_a_content_security_policy(client):
    response = client.get(reverse("portal:home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"


def test_production_settings_pass_the_deploy_check_and_hash_with_argon2(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "regiodeal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "regiodeal.example.nl",
        "REGIODEAL_VAR_DIR": str(tmp_path),
    }
    environment.pop("DATABASE_URL", None)
    command = [sys.executable, "-m", "regiodeal.cli"]
    check = subprocess.run(
        [*command, "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "no issues" in check.stdout
    show_hasher = (
        "from django.contrib.auth.hashers import get_hasher; print(get_hasher().algorithm)"
    )
    hasher = subprocess.run(
        [*command, "shell", "--no-imports", "-c", show_hasher],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert hasher.stdout.strip() == "argon2"
