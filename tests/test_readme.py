"""The README's first two commands are the ones CI and a new user run."""

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent


def commands() -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"))


def test_it_opens_with_the_main_job_then_the_tests():
    first, second = commands()[:2]
    assert "planeval evaluate examples/cn-14th-fyp --as-of 2022" in first
    assert "pytest" in second


def test_it_runs_the_readme_test_command_in_ci():
    assert commands()[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_it_documents_every_setting_and_command():
    from planeval.cli import SETTINGS_GROUPS, app
    from planeval.domain.settings import describe_settings

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(f"planeval {c.name}" in readme for c in app.registered_commands)
    for _heading, kind in SETTINGS_GROUPS:
        for name, default, _ in describe_settings(kind):
            shown = f"{default:g}" if isinstance(default, float) else default
            assert f"| `{name}` | {shown} |" in readme, name
