"""Read-only routes: plans, their indicators, reporting rounds and values, for any signed-in role."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import api_view, permission_classes
from rest_framework.request import Request
from rest_framework.response import Response

from planeval.web.api.permissions import IsReader
from planeval.web.api.serializers import (
    DetailSerializer,
    IndicatorSerializer,
    PlanSerializer,
    RoundSerializer,
    ValueQuerySerializer,
    ValueSerializer,
)
from planeval.web.core.access import get_or_404, may_see, visible_values
from planeval.web.core.models import Plan, Value

NOT_FOUND = {404: DetailSerializer}


@extend_schema(summary="The plans", responses=PlanSerializer(many=True))
@api_view(["GET"])
@permission_classes([IsReader])
def plan_list(request: Request) -> Response:
    return Response(PlanSerializer(Plan.objects.all(), many=True).data)


@extend_schema(summary="A plan", responses={200: PlanSerializer, **NOT_FOUND})
@api_view(["GET"])
@permission_classes([IsReader])
def plan_detail(request: Request, slug: str) -> Response:
    return Response(PlanSerializer(get_or_404(Plan, slug=slug)).data)


@extend_schema(
    summary="The plan's indicators, in table order", responses={200: IndicatorSerializer(many=True), **NOT_FOUND}
)
@api_view(["GET"])
@permission_classes([IsReader])
def indicator_list(request: Request, slug: str) -> Response:
    plan = get_or_404(Plan, slug=slug)
    indicators = plan.indicators.select_related("department").prefetch_related("annual_targets")
    return Response(IndicatorSerializer(indicators, many=True).data)


@extend_schema(
    summary="The plan's reporting rounds, latest deadline first",
    responses={200: RoundSerializer(many=True), **NOT_FOUND},
)
@api_view(["GET"])
@permission_classes([IsReader])
def round_list(request: Request, slug: str) -> Response:
    return Response(RoundSerializer(get_or_404(Plan, slug=slug).rounds.all(), many=True).data)


@extend_schema(
    summary="The plan's values, by indicator and period",
    parameters=[ValueQuerySerializer],
    responses={
        200: ValueSerializer(many=True),
        400: OpenApiResponse(description='A filter that cannot be read: {"period": [message]}.'),
        **NOT_FOUND,
    },
)
@api_view(["GET"])
@permission_classes([IsReader])
def value_list(request: Request, slug: str) -> Response:
    """Every state the user may see (drafts only of its own department; see
    :func:`planeval.web.core.access.visible_values`); ``period``, ``state`` and ``indicator`` (a
    code) narrow the list."""
    plan = get_or_404(Plan, slug=slug)
    query = ValueQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    lookup = {"indicator__code" if name == "indicator" else name: v for name, v in query.validated_data.items()}
    rows = visible_values(request.user, Value.objects.filter(indicator__plan=plan, **lookup))
    rows = rows.select_related("indicator", "updated_by")
    return Response(ValueSerializer(rows.order_by("indicator__position", "period"), many=True).data)


@extend_schema(summary="A value", responses={200: ValueSerializer, **NOT_FOUND})
@api_view(["GET"])
@permission_classes([IsReader])
def value_detail(request: Request, slug: str, pk: int) -> Response:
    value = get_or_404(Value, pk=pk, indicator__plan__slug=slug)
    if not may_see(request.user, value):
        raise Http404
    return Response(ValueSerializer(value).data)
