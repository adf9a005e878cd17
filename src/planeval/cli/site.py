"""``planeval serve`` and ``planeval manage``: the web site and Django's management commands.
Django is imported only when one of them runs."""

from __future__ import annotations

from typing import Annotated

import typer

from planeval.cli.common import app


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Start the web site: on first start it creates the database (SQLite under PLANEVAL_HOME,
    or DATABASE_URL), loads the example plan and prints one demo login per role."""
    from planeval.web import runtime

    runtime.configure()
    logins = runtime.prepare()
    if logins:
        from planeval.web.core.demo import DEMO_PASSWORD

        typer.echo(f"demo logins (password {DEMO_PASSWORD}):")
        for login in logins:
            typer.echo(f"  {login.username:14s} {login.role.label} {login.department}")
    typer.echo(f"planeval is at http://{host}:{port}/")
    runtime.serve(host, port)


@app.command(
    "manage",
    # --help goes to Django: `planeval manage --help` lists every command, `planeval manage CMD --help` its options
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []},
)
def manage_command(context: typer.Context) -> None:
    """Django's management commands with the site's settings, e.g. `planeval manage check --deploy`;
    `planeval manage --help` lists them (export_plan and import_plan: one plan to a file and back)."""
    from planeval.web import runtime

    runtime.manage(context.args)
