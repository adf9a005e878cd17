"""Routes that write: a value entered for a round, and the review workflow.

Every write goes through :mod:`planeval.web.core.values`, so the rules are the form's; its
errors become answers here:

==========================  ====  =========================================================
raised by the service       code  body
==========================  ====  =========================================================
``PermissionDenied``        403   ``{"detail": message}``
``WrongState``              409   ``{"detail": message}`` (approving a value not submitted)
``InvalidValue``            400   ``{field: [message]}`` (``value``, ``explanation``, ``comment``)
``Conflict``                409   ``{"detail": message, "current": value}``
==========================  ====  =========================================================

The checks run in one order: a value the user may not see answers 404, as its ``GET`` does
(:func:`planeval.web.core.access.may_see`), before the body is read; then the service refuses a
user who may not change it (403), a value in the wrong state (409), and only then a stale
``version`` (409 with the current value, which the user may see).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from planeval.web.api.permissions import IsReader
from planeval.web.api.serializers import (
    CommentSerializer,
    ConflictSerializer,
    DetailSerializer,
    ValueInputSerializer,
    ValueSerializer,
)
from planeval.web.core import values
from planeval.web.core.access import get_or_404, may_see
from planeval.web.core.models import ReportingRound, Value

User = AbstractBaseUser | AnonymousUser
INVALID = OpenApiResponse(description='The request or the value is refused: {"field": ["message"]}.')
REFUSED = {400: INVALID, 403: DetailSerializer, 404: DetailSerializer}


def _answer(write: Callable[[], Value], created: bool = False) -> Response:
    """The written value (201 when ``created`` and it is new), or the service's refusal."""
    try:
        value = write()
    except values.InvalidValue as error:
        raise ValidationError({error.field: [error.message]}) from None
    except values.Conflict as conflict:
        body = {"detail": str(conflict), "current": ValueSerializer(conflict.current).data}
        return Response(body, status=status.HTTP_409_CONFLICT)
    except values.WrongState as refusal:
        return Response({"detail": str(refusal)}, status=status.HTTP_409_CONFLICT)
    new = created and value.version == 1
    return Response(ValueSerializer(value).data, status=status.HTTP_201_CREATED if new else status.HTTP_200_OK)


@extend_schema(
    summary="Enter a value for a round",
    description="Saves a draft of the indicator's value for the round's period (201 for a new value, 200 for a "
    "changed one), with the same checks as the form.",
    request=ValueInputSerializer,
    responses={201: ValueSerializer, 200: ValueSerializer, 409: ConflictSerializer, **REFUSED},
)
@api_view(["POST"])
@permission_classes([IsReader])
def value_save(request: Request, slug: str, period: str) -> Response:
    round_ = get_or_404(ReportingRound, plan__slug=slug, period=period)
    body = ValueInputSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    entered = body.validated_data
    indicator = round_.plan.indicators.filter(code=entered["indicator"]).first()
    if indicator is None:
        raise ValidationError(
            {"indicator": [_("No indicator %(code)s in this plan.") % {"code": entered["indicator"]}]}
        )
    return _answer(
        lambda: values.save(
            request.user, indicator, round_, entered["value"], entered["explanation"], entered["version"]
        ),
        created=True,
    )


Transition = Callable[[User, Value, str, int | None], Value]
TRANSITIONS: dict[str, tuple[Transition, str]] = {
    "submit": (lambda user, value, comment, seen: values.submit(user, value, seen), "Submit a value for review"),
    "approve": (lambda user, value, comment, seen: values.approve(user, value, seen), "Approve a submitted value"),
    "return": (values.send_back, "Return a submitted value with a comment"),
}


def _transition_view(action: str) -> Callable[..., Response]:
    """The route of one workflow step: ``POST {"comment", "version"}`` → the value in its new
    state; a ``version`` older than the stored one answers 409."""
    move, summary = TRANSITIONS[action]

    def view(request: Request, slug: str, pk: int) -> Response:
        value = get_or_404(Value, pk=pk, indicator__plan__slug=slug)
        if not may_see(request.user, value):
            raise Http404  # another department's draft: not even that it exists
        body = CommentSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        entered = body.validated_data
        return _answer(lambda: move(request.user, value, entered["comment"], entered["version"]))

    view.__name__ = view.__qualname__ = f"value_{action}"
    responses = {200: ValueSerializer, 409: ConflictSerializer, **REFUSED}
    schema = extend_schema(summary=summary, request=CommentSerializer, responses=responses)
    return schema(api_view(["POST"])(permission_classes([IsReader])(view)))


value_submit = _transition_view("submit")
value_approve = _transition_view("approve")
value_return = _transition_view("return")
