"""Production settings from the environment pass Django's deployment checks."""

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
