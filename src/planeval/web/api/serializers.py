"""What the API reads and writes: the stored models as JSON, and the bodies of its requests.

Indicators are named by their code, departments by their code, users by their username: the
identifiers people see, not database ids. A value keeps its id because it is what the workflow
routes (submit, approve, return) address.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from planeval.domain.period import parse_period
from planeval.errors import PeriodError
from planeval.web.core.models import AnnualTarget, Indicator, Plan, ReportingRound, Value, ValueState


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plan
        fields = ["slug", "title", "region", "base_year", "end_year"]


class AnnualTargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = AnnualTarget
        fields = ["year", "target_text", "source"]


class IndicatorSerializer(serializers.ModelSerializer):
    department = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    annual_targets = AnnualTargetSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "code",
            "position",
            "name",
            "unit",
            "aspect",
            "attribute",
            "direction",
            "base_year",
            "base_value",
            "base_estimated",
            "target_text",
            "target_year",
            "frequency",
            "department",
            "note",
            "annual_targets",
        ]


class RoundSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportingRound
        fields = ["period", "opens", "deadline", "state"]


class ValueSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", read_only=True)
    updated_by = serializers.SlugRelatedField(
        slug_field=get_user_model().USERNAME_FIELD, read_only=True, allow_null=True
    )

    class Meta:
        model = Value
        fields = [
            "id",
            "indicator",
            "period",
            "value",
            "raw",
            "state",
            "explanation",
            "review_comment",
            "vintage",
            "source",
            "note",
            "version",
            "updated_by",
            "updated_at",
        ]


class ValueQuerySerializer(serializers.Serializer):
    """The filters of the value list; the period is read as people write it (``2022年`` = ``2022``)."""

    period = serializers.CharField(required=False, help_text=_("Period, e.g. 2022, 2023H1, 2023年上半年."))
    state = serializers.ChoiceField(choices=ValueState.choices, required=False)
    indicator = serializers.CharField(required=False, help_text=_("Indicator code, e.g. N05."))

    def validate_period(self, text: str) -> str:
        try:
            return str(parse_period(text))
        except PeriodError as error:
            raise serializers.ValidationError(str(error)) from None


class ValueInputSerializer(serializers.Serializer):
    """A value as a clerk enters it; the same rules as the form (see planeval.web.core.values)."""

    indicator = serializers.CharField(max_length=40, help_text=_("Indicator code, e.g. N05."))
    value = serializers.CharField(
        max_length=100,
        allow_blank=True,
        trim_whitespace=False,
        help_text=_("The value as typed: 5.5, ５．５, 1,020.5, 5.5%."),
    )
    explanation = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Why the value changed; required for a unit slip or a jump."),
    )
    version = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        help_text=_("The version the value was read at; an older one is a conflict."),
    )


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Why a value is returned (required to return; else ignored)."),
    )
    version = serializers.IntegerField(
        required=False, allow_null=True, default=None,
        help_text=_("The version of the value the caller saw; a changed value answers 409."),
    )  # fmt: skip


class ConflictSerializer(serializers.Serializer):
    """409: the value changed since it was read (``current`` is what is stored now), or it is not
    in the state the step needs (approving a draft; no ``current`` then)."""

    detail = serializers.CharField()
    current = ValueSerializer(required=False)


class DetailSerializer(serializers.Serializer):
    """An error with one message (403, 404)."""

    detail = serializers.CharField()
