"""Starting the site from the ``planeval`` command: environment, database, demo content, server."""

from __future__ import annotations

import os
import secrets
from collections.abc import Sequence
from typing import Any

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
WORKERS = 2


def configure() -> None:
    """Defaults for running on one machine: the site's settings, plain HTTP, and a secret key
    made once and kept in ``PLANEVAL_HOME`` (anything already in the environment wins)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planeval.web.settings")
    os.environ.setdefault("PLANEVAL_SECURE", "0")
    if not os.environ.get("PLANEVAL_SECRET_KEY"):
        from planeval.web.home import home

        key_file = home() / "secret_key"
        if not key_file.exists():
            key_file.write_text(secrets.token_urlsafe(50), encoding="ascii")
            key_file.chmod(0o600)
        os.environ["PLANEVAL_SECRET_KEY"] = key_file.read_text(encoding="ascii").strip()
    import django

    django.setup()


def prepare() -> list[Any]:
    """Apply migrations and install the demo plan and users on first start; the logins made."""
    from django.core.management import call_command

    from planeval.web.core.demo import install_demo

    call_command("migrate", interactive=False, verbosity=0)
    return install_demo()


def manage(arguments: Sequence[str]) -> None:
    """Django's ``manage.py`` with the site's settings (``planeval manage check --deploy``)."""
    configure()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["planeval manage", *arguments])


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Serve the site with gunicorn (static files through WhiteNoise)."""
    from gunicorn.app.base import BaseApplication

    from planeval.web.wsgi import application

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", WORKERS)
            self.cfg.set("accesslog", "-")

        def load(self) -> Any:
            return application

    Server().run()
