"""URLs of the supervision pages (under ``plans/<slug>/supervision/``)."""

from django.urls import URLPattern, URLResolver, path

from planeval.web.supervision import views

app_name = "supervision"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.items, name="list"),
    path("new/", views.new, name="new"),
    path("<int:item>/", views.detail, name="detail"),
    path("<int:item>/answer/", views.answer, name="answer"),
    path("<int:item>/verify/", views.verify, name="verify"),
    path("<int:item>/files/<int:file>/", views.evidence, name="evidence"),
]
