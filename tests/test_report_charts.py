"""Charts: drawn with a CJK font when there is one, and still drawn when there is none."""

import pytest

from planeval.domain.verdict import Verdict
from planeval.reports import charts
from planeval.reports.model import PathChart, PathPanel, VerdictChart

PNG = b"\x89PNG\r\n\x1a\n"


def test_it_draws_a_verdict_chart_as_png():
    chart = VerdictChart("结论分布", ((Verdict.AHEAD, 2, 1), (Verdict.BEHIND, 0, 1), (Verdict.NOT_EVALUATED, 0, 0)))
    assert charts.render(chart)[0].startswith(PNG)


def test_it_puts_six_lagging_indicators_in_each_image():
    panel = PathPanel("某指标", "%", ((2020, 1.0), (2021, 2.0)), ((2020, 1.0), (2025, 6.0)), 6.0)
    assert len(charts.render(PathChart("路径", (panel,) * 7))) == 2


def test_it_warns_and_still_draws_without_a_cjk_font(monkeypatch):
    charts.cjk_font.cache_clear()
    monkeypatch.setattr(charts, "CJK_FONTS", ("No Such Font",))
    try:
        with pytest.warns(charts.MissingFontWarning, match="fonts-noto-cjk"):
            image = charts.render(VerdictChart("结论", ((Verdict.AHEAD, 1, 0),)))[0]
        assert image.startswith(PNG)
    finally:
        charts.cjk_font.cache_clear()
