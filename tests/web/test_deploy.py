"""Production settings from the environment pass Django's deployment checks."""

import json
import os
import secrets
import subprocess
import sys


def test_it_passes_the_deployment_check_with_production_settings(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLANEVAL_", "DJANGO_SETTINGS"))}
    env |= {"PLANEVAL_HOME": str(tmp_path), "PLANEVAL_SECRET_KEY": secrets.token_urlsafe(50),
            "PLANEVAL_SECURE": "1", "PLANEVAL_ALLOWED_HOSTS": "plan.example.org"}  # fmt: skip
    done = subprocess.run([sys.executable, "-m", "planeval.cli", "manage", "check", "--deploy", "--fail-level",
                           "WARNING"], env=env, capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_it_refuses_to_start_without_a_secret_key_when_not_debugging(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLANEVAL_", "DJANGO_SETTINGS"))}
    env |= {"PLANEVAL_HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "planeval.web.settings"}
    done = subprocess.run([sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True,
                          text=True, check=False)  # fmt: skip
    assert done.returncode != 0 and "PLANEVAL_SECRET_KEY must be set" in done.stderr


SECURE_SETTINGS = {
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SESSION_COOKIE_HTTPONLY": True,
    "CSRF_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "CSRF_COOKIE_SAMESITE": "Lax",
    "SECURE_SSL_REDIRECT": True,
    "SECURE_HSTS_SECONDS": 31536000,  # a year
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SESSION_EXPIRE_AT_BROWSER_CLOSE": True,
    "SESSION_COOKIE_AGE": 8 * 3600,  # a working day
    "X_FRAME_OPTIONS": "DENY",
    "SECURE_CONTENT_TYPE_NOSNIFF": True,
    "SECURE_REFERRER_POLICY": "same-origin",  # links to other sites do not carry the page's address
}


def _production_settings(tmp_path, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLANEVAL_", "DJANGO_SETTINGS"))}
    env |= {"PLANEVAL_HOME": str(tmp_path), "PLANEVAL_SECRET_KEY": secrets.token_urlsafe(50),
            "PLANEVAL_SECURE": "1", "PLANEVAL_ALLOWED_HOSTS": "plan.example.org",
            "DJANGO_SETTINGS_MODULE": "planeval.web.settings", **extra}  # fmt: skip
    script = "import json; from django.conf import settings as s; print(json.dumps({n: getattr(s, n) for n in %r}))"
    done = subprocess.run([sys.executable, "-c", script % list(SECURE_SETTINGS)], env=env, capture_output=True,
                          text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_it_secures_sessions_and_cookies_in_production(tmp_path):
    assert _production_settings(tmp_path) == SECURE_SETTINGS


def test_it_bounds_a_login_by_the_hours_set(tmp_path):
    assert _production_settings(tmp_path, PLANEVAL_SESSION_HOURS="2")["SESSION_COOKIE_AGE"] == 2 * 3600
