"""URLs of the key-task pages (under ``plans/<slug>/tasks/``)."""

from django.urls import URLPattern, URLResolver, path

from planeval.web.tasks import imports, views

app_name = "tasks"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.task_list, name="list"),
    path("import/", imports.upload, name="import"),
    path("import/preview/", imports.preview, name="import_preview"),
    path("import/confirm/", imports.confirm, name="import_confirm"),
    path("<int:task>/", views.detail, name="detail"),
    path("<int:task>/report/", views.report, name="report"),
    path("updates/<int:update>/evidence/", views.evidence, name="evidence"),
]
