"""URLs of the early-warnings page (under ``plans/<slug>/warnings/``)."""

from django.urls import URLPattern, URLResolver, path

from planeval.web.warnings import views

app_name = "warnings"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.listing, name="list"),
]
