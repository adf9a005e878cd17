"""URLs of the API (``/api/``): read-only routes for any signed-in role, the value writes and
the review workflow, and the OpenAPI schema at ``/api/schema/``."""

from django.urls import URLPattern, URLResolver, path
from drf_spectacular.views import SpectacularAPIView

from planeval.web.api import evaluation, reading, writing
from planeval.web.api.permissions import IsReader

app_name = "api"
urlpatterns: list[URLPattern | URLResolver] = [
    path("schema/", SpectacularAPIView.as_view(permission_classes=[IsReader]), name="schema"),
    path("plans/", reading.plan_list, name="plan-list"),
    path("plans/<slug:slug>/", reading.plan_detail, name="plan-detail"),
    path("plans/<slug:slug>/indicators/", reading.indicator_list, name="indicator-list"),
    path("plans/<slug:slug>/rounds/", reading.round_list, name="round-list"),
    path("plans/<slug:slug>/rounds/<str:period>/values/", writing.value_save, name="value-save"),
    path("plans/<slug:slug>/values/", reading.value_list, name="value-list"),
    path("plans/<slug:slug>/values/<int:pk>/", reading.value_detail, name="value-detail"),
    path("plans/<slug:slug>/values/<int:pk>/submit/", writing.value_submit, name="value-submit"),
    path("plans/<slug:slug>/values/<int:pk>/approve/", writing.value_approve, name="value-approve"),
    path("plans/<slug:slug>/values/<int:pk>/return/", writing.value_return, name="value-return"),
    path("plans/<slug:slug>/evaluation/", evaluation.evaluation, name="evaluation"),
]
