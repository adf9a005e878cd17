"""URLs of the department assessment (under ``plans/<slug>/assessment/``)."""

from django.urls import URLPattern, URLResolver, path

from planeval.web.assessment import views

app_name = "assessment"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.table, name="table"),
    path("assessment.xlsx", views.download, name="download"),
]
