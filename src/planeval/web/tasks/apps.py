from django.apps import AppConfig


class TasksConfig(AppConfig):
    """Key tasks and major projects (重点任务、重大项目) and their progress."""

    name = "planeval.web.tasks"
    label = "tasks"
    verbose_name = "planeval tasks"
