"""The demonstration site of ``planeval serve``: the national 14th FYP example, its
departments, one open reporting round and one user per role.

The departments are those that publish each indicator's data, read from the ``source`` of its
observations (NBS → 国家统计局, MEE → 生态环境部, …): the plan table names none. When the
example folder holds a responsibility breakdown (``tasks.csv``), its key tasks are loaded too,
with the departments they name.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from planeval.io import load_plan_folder
from planeval.web.core.convert import store_plan
from planeval.web.core.models import Department, Membership, Plan, ReportingRound, Role
from planeval.web.tasks.store import store_folder_tasks

EXAMPLE_SLUG = "cn-14th-fyp"
DEMO_PASSWORD = "planeval-demo"
PUBLISHERS = (
    ("NBS", "nbs", "国家统计局"),
    ("MEE", "mee", "生态环境部"),
    ("China Ecological Environment Bulletin", "mee", "生态环境部"),
    ("NHC", "nhc", "国家卫生健康委员会"),
    ("CNIPA", "cnipa", "国家知识产权局"),
    ("MNR", "mnr", "自然资源部"),
    ("NDRC", "ndrc", "国家发展和改革委员会"),
    ("7th population census", "nbs", "国家统计局"),
    ("Government Work Report", "nbs", "国家统计局"),
    ("secondary report", "nbs", "国家统计局"),
)


@dataclass(frozen=True)
class Login:
    username: str
    role: str
    department: str


def example_folder() -> Path:
    """The shipped example, beside the source tree (a checkout) or in the working folder."""
    for base in (Path(__file__).resolve().parents[4], Path.cwd()):
        folder = base / "examples" / EXAMPLE_SLUG
        if folder.is_dir():
            return folder
    raise FileNotFoundError(f"examples/{EXAMPLE_SLUG} not found beside the source or in the working folder")


def _publisher(source: str) -> tuple[str, str] | None:
    return next(((code, name) for prefix, code, name in PUBLISHERS if source.startswith(prefix)), None)


@transaction.atomic
def install_demo(today: datetime.date | None = None) -> list[Login]:
    """Load the example (once) with departments, an open round for the plan's last year and
    demo users; returns the logins made. Does nothing when the example is already there."""
    if Plan.objects.filter(slug=EXAMPLE_SLUG).exists():
        return []
    folder = load_plan_folder(example_folder())
    by_code: dict[str, Counter[tuple[str, str]]] = {}
    for observation in folder.observations:
        publisher = _publisher(observation.source)
        if publisher:
            by_code.setdefault(observation.code, Counter())[publisher] += 1
    departments = {}
    for code, counts in by_code.items():
        key, name = counts.most_common(1)[0][0]
        departments[code], _ = Department.objects.get_or_create(code=key, defaults={"name": name})
    plan = store_plan(folder, EXAMPLE_SLUG, departments)
    if folder.tasks:
        store_folder_tasks(plan, folder.tasks)
    day = today or datetime.date.today()
    ReportingRound.objects.create(plan=plan, period=str(plan.end_year), opens=day - datetime.timedelta(days=30),
                                  deadline=day + datetime.timedelta(days=30))  # fmt: skip
    return _users()


def _users() -> list[Login]:
    users = get_user_model()
    logins = [
        Login("planner", Role.PLANNER, ""),
        Login("reviewer", Role.REVIEWER, ""),
        Login("viewer", Role.VIEWER, ""),
    ]
    logins += [Login(f"clerk_{d.code}", Role.REPORTER, d.name) for d in Department.objects.all()]
    for login in logins:
        user = users.objects.create_user(login.username, password=DEMO_PASSWORD)
        department = Department.objects.filter(name=login.department).first()
        Membership.objects.create(user=user, role=login.role, department=department)
    return logins
