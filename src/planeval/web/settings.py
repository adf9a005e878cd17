"""Django settings of the planeval site, read from the environment.

============================  ==========================================================
variable                      meaning
============================  ==========================================================
``PLANEVAL_HOME``             folder of the embedded SQLite database and uploads
                              (default: the user's data folder, ~/.local/share/planeval)
``DATABASE_URL``              ``postgres://user@host:port/name`` to use PostgreSQL instead
``PLANEVAL_DEBUG``            ``1`` for development; off by default
``PLANEVAL_SECRET_KEY``       required when debug is off
``PLANEVAL_ALLOWED_HOSTS``    comma-separated host names (default ``localhost,127.0.0.1``)
``PLANEVAL_SECURE``           ``1`` behind HTTPS: secure cookies, HSTS, SSL redirect
``PLANEVAL_SESSION_HOURS``    how long a login lasts at most (default 8); it also ends when
                              the browser is closed
``PLANEVAL_UPLOAD_MAX_MB``    the largest evidence file or Excel upload, in MB (default 5)
``PLANEVAL_LOGIN_FAILURES``   wrong passwords for one user name before logging in is refused
                              for a while (default 5)
``PLANEVAL_LOGIN_FAILURES_PER_ADDRESS``
                              the same for one address, whatever names were tried (default 30)
``PLANEVAL_LOGIN_COOLOFF_MINUTES``
                              how long such a refusal lasts (default 15)
``PLANEVAL_PROXIES``          reverse proxies in front of the site (default 0): the client's
                              address is then read from ``X-Forwarded-For``
``PLANEVAL_SITE_URL``         the site's address, for links in e-mails (default
                              ``http://localhost:8000``)
``PLANEVAL_EMAIL_HOST``       SMTP server of the reminders; unset, e-mails are printed on the
                              console instead of sent
``PLANEVAL_EMAIL_PORT``       its port (default 25); ``PLANEVAL_EMAIL_USER`` and
                              ``PLANEVAL_EMAIL_PASSWORD`` to log in; ``PLANEVAL_EMAIL_TLS=1``
                              for STARTTLS or ``PLANEVAL_EMAIL_SSL=1`` for SMTPS
``PLANEVAL_EMAIL_FROM``       the sender's address (default ``planeval@localhost``)
``PLANEVAL_REMINDER_DAYS_BEFORE``
                              days before a reporting deadline on which reminders go out
                              (default ``7,1,0``; 0 is the deadline day)
``PLANEVAL_REMINDER_EVERY_DAYS_AFTER``
                              after the deadline, a reminder every this many days while the
                              round is open (default 3; 0 for none)
``PLANEVAL_ASSESSMENT``       weights and points of the department assessment, e.g.
                              ``task_weight=0.4,points_behind=60`` (planeval.domain.assessment)
``PLANEVAL_ESCALATION_DAYS``  days an overdue supervision item stays at level 1 before
                              level 2 (default 15; planeval.domain.escalation)
============================  ==========================================================
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from planeval.domain.escalation import ESCALATION_DAYS
from planeval.domain.reminder import ReminderSchedule
from planeval.errors import PlanevalError
from planeval.web.home import home


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: expected 1 or 0")


def _whole(name: str, default: int, least: int = 0) -> int:
    value = os.environ.get(name, "")
    if not value:
        return default
    if not value.strip().isdigit() or int(value) < least:
        raise ImproperlyConfigured(f"{name}={value!r}: expected a whole number of at least {least}")
    return int(value)


BASE_DIR = Path(__file__).resolve().parent
DEBUG = _flag("PLANEVAL_DEBUG")
SECRET_KEY = os.environ.get("PLANEVAL_SECRET_KEY") or ("insecure-development-key" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("PLANEVAL_SECRET_KEY must be set when PLANEVAL_DEBUG is off")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("PLANEVAL_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "simple_history",
    "django_htmx",
    "axes",
    "csp",
    "planeval.web.core",
    "planeval.web.reporting",
    "planeval.web.tasks",
    "planeval.web.warnings",
    "planeval.web.supervision",
    "planeval.web.assessment",
    "planeval.web.reminders",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",  # Content-Security-Policy (CONTENT_SECURITY_POLICY below)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "planeval.web.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # 413 for a body over MAX_REQUEST_BYTES, unread: a page with the menu and in the chosen language
    "planeval.web.core.middleware.RequestSizeLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "planeval.web.core.error_pages.NotAllowedPageMiddleware",  # a GET on a POST-only page: the 405 page
    "planeval.web.core.failures.DatabaseUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]
ROOT_URLCONF = "planeval.web.urls"
WSGI_APPLICATION = "planeval.web.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "planeval.web.core.context.navigation",
            ]
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)
    if os.environ.get("DATABASE_URL")
    else {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": home() / "planeval.sqlite3",
        # Writers queue for the lock (up to 20 s) instead of failing with "database is locked"
        # when two people save at once; the later one then meets the version check.
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
    }
}
# Each view in one transaction: a request that fails part-way leaves nothing half-written
# (see planeval.web.core.failures).
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SUPERVISION_ESCALATION_DAYS = _whole("PLANEVAL_ESCALATION_DAYS", ESCALATION_DAYS)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = home() / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = home() / "media"
WHITENOISE_USE_FINDERS = True  # serve static files without collectstatic in the embedded setup

CSRF_FAILURE_VIEW = "planeval.web.core.error_pages.csrf_failure"  # the 403 page: reload and send again
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

MAX_REQUEST_BYTES = 12 * 1024 * 1024  # the largest upload (5 MB) a few times over, refused unread
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
UPLOAD_MAX_BYTES = _whole("PLANEVAL_UPLOAD_MAX_MB", 5, least=1) * 1024 * 1024
"""The largest evidence file or Excel upload (planeval.web.reporting.files)."""
if UPLOAD_MAX_BYTES > MAX_REQUEST_BYTES:
    raise ImproperlyConfigured("PLANEVAL_UPLOAD_MAX_MB exceeds the request limit MAX_REQUEST_BYTES (12 MB)")

# Login throttling (planeval.web.core.throttle).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_HANDLER = "planeval.web.core.throttle.LoginThrottle"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = _whole("PLANEVAL_LOGIN_FAILURES", 5, least=1)
LOGIN_FAILURES_PER_ADDRESS = _whole("PLANEVAL_LOGIN_FAILURES_PER_ADDRESS", 30, least=1)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=_whole("PLANEVAL_LOGIN_COOLOFF_MINUTES", 15, least=1))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "planeval.web.core.throttle.refusal"
AXES_CLIENT_IP_CALLABLE = "planeval.web.core.throttle.client_address"
PROXIES = _whole("PLANEVAL_PROXIES", 0)

SECURE = _flag("PLANEVAL_SECURE", default=not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True  # no script of the site reads them
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = _whole("PLANEVAL_SESSION_HOURS", 8, least=1) * 3600
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Headers of every answer (SecurityMiddleware, XFrameOptionsMiddleware, django-csp): the pages load
# scripts, styles and images from the site only, no inline script, style or event handler (the
# chart data travel as json_script blocks, which are not run), and no other site may frame them.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    },
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Basic first, so that an unauthenticated call gets 401 with WWW-Authenticate, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.BasicAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # the browsable pages without their inline <style>, which the Content-Security-Policy refuses
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "planeval.web.api.renderers.BrowsableAPIRenderer",
    ],
    "EXCEPTION_HANDLER": "planeval.web.api.exceptions.exception_handler",  # keeps a refused login's record
}
SPECTACULAR_SETTINGS = {"TITLE": "planeval API", "VERSION": "0.1.0", "SERVE_INCLUDE_SCHEMA": False}

# E-mail of the reminders (planeval.web.reminders): printed on the console until a server is set.
SITE_URL = os.environ.get("PLANEVAL_SITE_URL", "http://localhost:8000")
EMAIL_HOST = os.environ.get("PLANEVAL_EMAIL_HOST", "")
EMAIL_BACKEND = f"django.core.mail.backends.{'smtp' if EMAIL_HOST else 'console'}.EmailBackend"
EMAIL_PORT = _whole("PLANEVAL_EMAIL_PORT", 25, least=1)
EMAIL_HOST_USER = os.environ.get("PLANEVAL_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("PLANEVAL_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _flag("PLANEVAL_EMAIL_TLS")
EMAIL_USE_SSL = _flag("PLANEVAL_EMAIL_SSL")
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("PLANEVAL_EMAIL_TLS and PLANEVAL_EMAIL_SSL: set one, not both")
DEFAULT_FROM_EMAIL = SERVER_EMAIL = os.environ.get("PLANEVAL_EMAIL_FROM", "planeval@localhost")
try:
    REMINDER_SCHEDULE = ReminderSchedule.from_text(
        os.environ.get("PLANEVAL_REMINDER_DAYS_BEFORE", ""), os.environ.get("PLANEVAL_REMINDER_EVERY_DAYS_AFTER", "")
    )
except PlanevalError as error:
    raise ImproperlyConfigured(f"PLANEVAL_REMINDER_DAYS_BEFORE / _EVERY_DAYS_AFTER: {error}") from None
ASSESSMENT = os.environ.get("PLANEVAL_ASSESSMENT", "")
"""Weights and points of the department assessment as name=value pairs (planeval.web.assessment.facts)."""
