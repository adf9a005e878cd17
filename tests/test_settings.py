"""Settings described as data."""

import pytest

from planeval.domain.settings import EvaluationSettings, describe_settings
from planeval.errors import PlanevalError


def test_it_documents_every_setting():
    described = describe_settings()
    assert [name for name, _, _ in described] == [
        "tolerance",
        "binding_tolerance",
        "ahead_margin",
        "about_tolerance",
        "in_step_tolerance",
        "bound_rule",
    ]
    assert all(len(help_text) > 40 for _, _, help_text in described)


def test_it_reads_settings_given_as_text():
    settings = EvaluationSettings().with_values({"tolerance": "0.1", "bound_rule": "every_period"})
    assert (settings.tolerance, settings.bound_rule) == (0.1, "every_period")
    assert settings.tolerance_for(binding=True) == 0.0


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"tol": "1"}, "unknown setting 'tol'"),
        ({"tolerance": "x"}, "expected a number"),
        ({"bound_rule": "median"}, "expected one of average, every_period"),
        ({"tolerance": "-1"}, "from 0 to 1"),
        ({"tolerance": "inf"}, "from 0 to 1"),
        ({"ahead_margin": "nan"}, "from 0 to 10"),
    ],
)
def test_it_names_what_is_wrong_with_a_setting(values, message):
    with pytest.raises(PlanevalError, match=message):
        EvaluationSettings().with_values(values)
