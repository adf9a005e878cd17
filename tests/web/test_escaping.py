"""HTML typed into names, comments, explanations and file names is shown as text on every page,
and the chart's data cannot close its script element."""

from __future__ import annotations

import json
import re
from io import BytesIO
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from planeval.web.core import values
from planeval.web.core.models import Evidence

ATTACK = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
UNIT_ATTACK = "</script><script>alert(2)</script>"  # would end the chart's JSON element early
FILE_ATTACK = '"><img src=x onerror=alert(1)>.pdf'
RAW = re.compile(r"<script>alert\(|<img src=x", re.IGNORECASE)


def user(name: str) -> Any:
    return get_user_model().objects.get(username=name)


@pytest.fixture
def hostile(world: Any, personas: Any) -> Any:
    """Department A, its indicator, the clerk's explanation, the reviewer's comment and an evidence
    file, each carrying markup; the value is returned to the department."""
    world.department_a.name = f"甲局{ATTACK}"
    world.department_a.save()
    world.indicator_a.name, world.indicator_a.unit = f"指标{ATTACK}", UNIT_ATTACK
    world.indicator_a.aspect = '经济<img src=x onerror="alert(3)">'
    world.indicator_a.save()
    value = values.save(user("clerk_a"), world.indicator_a, world.round, "43", explanation=f"说明{ATTACK}")
    Evidence.objects.create(value=value, file=ContentFile(b"%PDF-1.4\n", name=FILE_ATTACK), uploaded_by=user("clerk_a"))
    value = values.submit(user("clerk_a"), value)
    return values.send_back(user("reviewer"), value, f"意见{ATTACK}")


def pages(world: Any, value: Any) -> list[tuple[str, str]]:
    slug, period = world.plan.slug, world.round.period
    return [
        ("viewer", reverse("dashboard:overview", args=[slug])),
        ("viewer", reverse("dashboard:indicator", args=[slug, world.indicator_a.code])),
        ("viewer", reverse("dashboard:compare", args=[slug])),
        ("reviewer", reverse("review:rounds", args=[slug])),
        ("reviewer", reverse("review:department", args=[slug, period, world.department_a.code])),
        ("reviewer", reverse("review:history", args=[slug, value.pk])),
        ("clerk_a", reverse("reporting:rounds", args=[slug])),
        ("clerk_a", reverse("reporting:form", args=[slug, period])),
        ("planner", reverse("reporting:form", args=[slug, period])),  # the list of departments to choose
    ]


def test_it_shows_markup_as_text_on_every_page(world, personas, hostile):
    for persona, url in pages(world, hostile):
        response = personas[persona].get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert not RAW.search(html), f"{url} ({persona}) shows markup unescaped"
        assert ESCAPED in html, f"{url} ({persona}) does not show the name at all"


def test_it_shows_the_explanation_comment_and_file_name_escaped_to_the_reviewer(world, personas, hostile):
    url = reverse("review:department", args=[world.plan.slug, world.round.period, world.department_a.code])
    html = personas["reviewer"].get(url).content.decode()
    assert f"说明{ESCAPED}" in html and f"意见{ESCAPED}" in html
    history = personas["reviewer"].get(reverse("review:history", args=[world.plan.slug, hostile.pk]))
    assert f"说明{ESCAPED}" in history.content.decode() and f"意见{ESCAPED}" in history.content.decode()
    # the stored file name keeps only letters, digits, dots, dashes and underscores
    assert re.search(r">img_srcx_onerroralert1(_\w+)?\.pdf</a>", html)  # a suffix when the name is taken


def test_it_keeps_the_chart_data_inside_its_script_element(world, personas, hostile):
    html = personas["viewer"].get(reverse("dashboard:indicator", args=[world.plan.slug, "A1"])).content.decode()
    element = re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', html, re.DOTALL)
    assert element is not None
    assert "<" not in element.group(1) and "\\u003C/script\\u003E" in element.group(1)
    assert json.loads(element.group(1))["unit"] == UNIT_ATTACK  # the data are intact for the chart


def test_it_shows_markup_from_an_uploaded_file_as_text_in_the_preview(world, personas, hostile, english):
    clerk = personas["clerk_a"]
    url = lambda name: reverse(f"reporting:{name}", args=[world.plan.slug, world.round.period])  # noqa: E731
    book = load_workbook(BytesIO(clerk.get(url("template")).content))
    book.active["J3"], book.active["K3"] = "44", f"新说明{ATTACK}"
    book.active.append([ATTACK, "", "", "", "", "", "", "", "", "1", "", 0])  # an unknown indicator code
    out = BytesIO()
    book.save(out)
    preview = clerk.post(url("upload"), {"workbook": SimpleUploadedFile(f"{ATTACK}.xlsx", out.getvalue())},
                         follow=True)  # fmt: skip
    html = preview.content.decode()
    assert len(preview.context["preview"].changes) == 1 and len(preview.context["preview"].problems) == 1
    assert not RAW.search(html)
    assert f"新说明{ESCAPED}" in html and f"There is no indicator {ESCAPED} in this plan." in html


def test_it_shows_a_refused_file_name_as_text_in_the_error(world, personas, english):
    clerk = personas["clerk_a"]
    url = reverse("reporting:form", args=[world.plan.slug, world.round.period])
    formset = clerk.get(url).context["formset"]
    data = {f"row-{name}": formset.management_form[name].value() for name in formset.management_form.fields}
    program = SimpleUploadedFile(FILE_ATTACK, b"MZ\x90\x00")
    data |= {"row-0-indicator": world.indicator_a.pk, "row-0-version": 0, "row-0-value": "43",
             "row-0-explanation": "", "row-0-evidence": program, "action": "save"}  # fmt: skip
    answer = clerk.post(url, data)
    html = answer.content.decode()
    assert answer.status_code == 400 and not RAW.search(html)
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.pdf is not a PDF file" in html
