"""The OpenAPI schema at /api/schema/: valid, without warnings, and covering every API route."""

import yaml
from django.core.management import call_command
from django.urls import reverse

from planeval.web.api import urls as api_urls


def test_it_generates_a_valid_schema_without_warnings(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["info"]["title"] == "planeval API"


def _documented_path(pattern) -> str:
    """``plans/<slug:slug>/`` → ``/api/plans/{slug}/``, as the schema writes paths (drf-spectacular
    calls a ``pk`` an ``id``: SCHEMA_COERCE_PATH_PK)."""
    route = str(pattern.pattern)
    for name in pattern.pattern.converters:
        route = route.replace(f"<{_converter(route, name)}{name}>", "{" + ("id" if name == "pk" else name) + "}")
    return "/api/" + route


def _converter(route: str, name: str) -> str:
    start = route.index(f"{name}>")
    opening = route.rindex("<", 0, start)
    return route[opening + 1 : start]


def test_it_documents_every_api_route(world, personas):
    response = personas["viewer"].get("/api/schema/")
    assert response.status_code == 200
    paths = yaml.safe_load(response.content)["paths"]
    routes = {_documented_path(p) for p in api_urls.urlpatterns if p.name != "schema"}
    assert routes == set(paths)
    assert reverse("api:schema") == "/api/schema/"


def test_it_documents_the_bodies_of_the_writes(world, personas):
    paths = yaml.safe_load(personas["viewer"].get("/api/schema/").content)["paths"]
    enter = paths["/api/plans/{slug}/rounds/{period}/values/"]["post"]
    assert enter["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ValueInput"}
    assert sorted(enter["responses"]) == ["200", "201", "400", "403", "404", "409"]
    approve = paths["/api/plans/{slug}/values/{id}/approve/"]["post"]
    assert approve["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Comment"}
