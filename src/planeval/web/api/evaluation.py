"""The evaluation of a stored plan as of a period: exactly what ``planeval evaluate --format json``
writes (:func:`planeval.io.export.evaluation_to_dict`), computed from the approved values.

The serializers below only document that shape for the OpenAPI schema; the response is the
export's own dictionary, and a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view, permission_classes
from rest_framework.request import Request
from rest_framework.response import Response

from planeval.domain.indicator import Attribute, Direction
from planeval.domain.period import Period, parse_period
from planeval.domain.settings import EvaluationSettings
from planeval.domain.target import TargetKind
from planeval.domain.verdict import Reason, Verdict
from planeval.errors import MethodError, PeriodError, PlanevalError
from planeval.evaluate import DEFAULT_METHOD, evaluate
from planeval.io.export import evaluation_to_dict
from planeval.methods import available_methods, get_method
from planeval.web.api.permissions import IsReader
from planeval.web.api.serializers import DetailSerializer
from planeval.web.core.access import get_or_404
from planeval.web.core.convert import domain_plan, observations
from planeval.web.core.models import Plan


def _choices(enum: type[Attribute | Direction | TargetKind | Reason | Verdict], **options: Any) -> serializers.Field:
    return serializers.ChoiceField(choices=[member.value for member in enum], **options)


def _fraction(help_text: str = "") -> serializers.Field:
    return serializers.FloatField(allow_null=True, help_text=help_text)


class EvaluationQuerySerializer(serializers.Serializer):
    as_of = serializers.CharField(help_text=_("Cut-off period: 2022, 2023H1, 2023年上半年, 2023-06…"))
    method = serializers.CharField(
        default=DEFAULT_METHOD, help_text=_("Evaluation method: one of %s.") % ", ".join(available_methods())
    )

    def validate_as_of(self, text: str) -> Period:
        try:
            return parse_period(text)
        except PeriodError as error:
            raise serializers.ValidationError(str(error)) from None

    def validate_method(self, name: str) -> str:
        try:
            get_method(name)
        except MethodError as error:
            raise serializers.ValidationError(str(error)) from None
        return name


class EvaluatedPlanSerializer(serializers.Serializer):
    title = serializers.CharField()
    region = serializers.CharField()
    base_year = serializers.IntegerField()
    start_year = serializers.IntegerField()
    end_year = serializers.IntegerField()


EvaluationSettingsSerializer = type(
    "EvaluationSettingsSerializer",
    (serializers.Serializer,),
    {
        setting.name: (serializers.FloatField if isinstance(setting.default, float) else serializers.CharField)(
            help_text=setting.metadata.get("help", "")
        )
        for setting in fields(EvaluationSettings)
    },
)


class ObservationSerializer(serializers.Serializer):
    period = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    unit = serializers.CharField()
    vintage = serializers.CharField()
    source = serializers.CharField()
    note = serializers.CharField()


class TrendSerializer(serializers.Serializer):
    value = serializers.FloatField(allow_null=True)
    low = serializers.FloatField(allow_null=True)
    high = serializers.FloatField(allow_null=True)


class ProjectionSerializer(serializers.Serializer):
    """The trend projections to the target year with their 95 % intervals."""

    year = serializers.FloatField()
    unit = serializers.CharField()
    points = serializers.IntegerField()
    linear = TrendSerializer(allow_null=True)
    log_linear = TrendSerializer(allow_null=True)


class IndicatorResultSerializer(serializers.Serializer):
    """One indicator's result; fractions stay fractions (0.4 = 40 %), rates stay in %."""

    code = serializers.CharField()
    name = serializers.CharField()
    aspect = serializers.CharField()
    unit = serializers.CharField()
    attribute = _choices(Attribute)
    direction = _choices(Direction)
    department = serializers.CharField(allow_null=True)
    target_text = serializers.CharField()
    kind = _choices(TargetKind, allow_null=True)
    verdict = _choices(Verdict)
    verdict_label = serializers.CharField()
    reason = _choices(Reason, allow_null=True, help_text=_("Why the indicator was not evaluated."))
    reason_label = serializers.CharField(allow_null=True)
    time_share = _fraction(_("Share of the plan period elapsed."))
    progress = _fraction(_("Share of the planned change achieved."))
    schedule_ratio = _fraction(_("Progress over time share."))
    achieved = _fraction()
    required = _fraction()
    target_value = _fraction()
    gap = _fraction()
    needed_per_year = _fraction()
    needed_growth = _fraction()
    baseline = _fraction(_("The baseline used (a revised base-year value wins over the plan's)."))
    plan_baseline = _fraction(_("The baseline printed in the plan."))
    latest_period = serializers.CharField(allow_null=True)
    latest_value = serializers.FloatField(allow_null=True)
    provisional = serializers.BooleanField()
    status = serializers.CharField(allow_null=True, help_text=_("The method's own class, where it has one."))
    status_label = serializers.CharField(allow_null=True)
    projection = ProjectionSerializer(allow_null=True)
    observations = ObservationSerializer(many=True)
    notes = serializers.ListField(child=serializers.CharField())
    explanation = serializers.CharField()


AttributeCountSerializer = type(
    "AttributeCountSerializer",
    (serializers.Serializer,),
    {**{a.value: serializers.IntegerField() for a in Attribute}, "total": serializers.IntegerField()},
)
VerdictCountsSerializer = type(
    "VerdictCountsSerializer", (serializers.Serializer,), {v.value: AttributeCountSerializer() for v in Verdict}
)
AspectSerializer = type(
    "AspectSerializer",
    (serializers.Serializer,),
    {
        "aspect": serializers.CharField(),
        "total": serializers.IntegerField(),
        **{v.value: serializers.IntegerField() for v in Verdict},
    },
)


class SummarySerializer(serializers.Serializer):
    total = serializers.IntegerField()
    meeting_schedule = serializers.IntegerField()
    counts = VerdictCountsSerializer(help_text=_("Indicators by verdict and attribute."))
    aspects = AspectSerializer(many=True)
    not_evaluated_reasons = serializers.DictField(
        child=serializers.IntegerField(), help_text=_("Indicators not evaluated, by reason code.")
    )
    paragraph = serializers.CharField(help_text=_("The summary paragraph of the report."))


class EvaluationSerializer(serializers.Serializer):
    plan = EvaluatedPlanSerializer()
    as_of = serializers.CharField()
    as_of_label = serializers.CharField()
    method = serializers.CharField()
    settings = EvaluationSettingsSerializer()
    indicators = IndicatorResultSerializer(many=True)
    summary = SummarySerializer()


@extend_schema(
    summary="The plan evaluated as of a period",
    parameters=[EvaluationQuerySerializer],
    responses={
        200: EvaluationSerializer,
        400: OpenApiResponse(
            description="A bad period or method, or a period outside the plan: "
            '{"as_of": [message]} or {"method": [message]}.'
        ),
        404: DetailSerializer,
    },
)
@api_view(["GET"])
@permission_classes([IsReader])
def evaluation(request: Request, slug: str) -> Response:
    """The evaluation of every indicator with the approved values up to ``as_of``."""
    plan = get_or_404(Plan, slug=slug)
    query = EvaluationQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    as_of, method = query.validated_data["as_of"], query.validated_data["method"]
    stored = domain_plan(plan)
    try:
        result = evaluate(stored, observations(plan), as_of, method)
    except PlanevalError as error:  # as_of before the plan began or after its target year
        raise serializers.ValidationError({"as_of": [str(error)]}) from None
    return Response(evaluation_to_dict(result))
