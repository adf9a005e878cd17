"""URLs of the dashboard pages, under ``plans/<slug>/``."""

from django.urls import URLPattern, URLResolver, path

from planeval.web.dashboard import views, yearly

app_name = "dashboard"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.overview, name="overview"),
    path("indicators/<str:code>/", views.indicator, name="indicator"),
    path("indicators/<str:code>/yearly-targets/", yearly.set_yearly_target, name="yearly_target"),
    path("compare/", views.compare, name="compare"),
]
