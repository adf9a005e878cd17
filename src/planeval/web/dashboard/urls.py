"""URLs of the dashboard pages, under ``plans/<slug>/``."""

from django.urls import URLPattern, URLResolver, path

from planeval.web.dashboard import views

app_name = "dashboard"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.overview, name="overview"),
    path("indicators/<str:code>/", views.indicator, name="indicator"),
    path("compare/", views.compare, name="compare"),
]
