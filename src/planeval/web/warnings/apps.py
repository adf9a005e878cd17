from django.apps import AppConfig


class WarningsConfig(AppConfig):
    """Early warnings (预警): the page, its template and its translations."""

    name = "planeval.web.warnings"
    label = "warnings"
    verbose_name = "planeval early warnings"
