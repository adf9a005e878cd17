from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    """Supervision items (督办单) and the departments' rectification reports (整改报告)."""

    name = "planeval.web.supervision"
    label = "supervision"
    verbose_name = "planeval supervision"
