"""The site's URLs: each feature has its own module of routes."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from planeval.web.core import views

handler400 = "planeval.web.core.error_pages.bad_request"
handler403 = "planeval.web.core.error_pages.permission_denied"
handler404 = "planeval.web.core.error_pages.not_found"
handler500 = "planeval.web.core.failures.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(template_name="planeval/login.html"), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("plans/<slug:slug>/", include("planeval.web.dashboard.urls")),
    path("plans/<slug:slug>/rounds/", include("planeval.web.reporting.urls")),
    path("plans/<slug:slug>/review/", include("planeval.web.review.urls")),
    path("plans/<slug:slug>/warnings/", include("planeval.web.warnings.urls")),
    path("plans/<slug:slug>/tasks/", include("planeval.web.tasks.urls")),
    path("plans/<slug:slug>/supervision/", include("planeval.web.supervision.urls")),
    path("plans/<slug:slug>/assessment/", include("planeval.web.assessment.urls")),
    path("api/", include("planeval.web.api.urls")),
    path("admin/", admin.site.urls),
]
