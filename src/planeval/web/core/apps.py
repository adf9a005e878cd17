from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Plans, departments, reporting rounds and reported values."""

    name = "planeval.web.core"
    label = "core"
    verbose_name = "planeval"
