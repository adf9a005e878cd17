"""URLs of the reporting pages (under ``plans/<slug>/rounds/``)."""

from django.urls import URLPattern, URLResolver, path

from planeval.web.reporting import entry, rounds, upload

app_name = "reporting"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", rounds.rounds, name="rounds"),
    path("<str:period>/", entry.entry, name="form"),
    path("<str:period>/template.xlsx", upload.template, name="template"),
    path("<str:period>/upload/", upload.upload, name="upload"),
    path("<str:period>/upload/preview/", upload.preview, name="preview"),
    path("<str:period>/upload/confirm/", upload.confirm, name="confirm"),
    path("<str:period>/evidence/<int:pk>/", rounds.evidence, name="evidence"),
]
