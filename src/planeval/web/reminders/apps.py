from django.apps import AppConfig


class RemindersConfig(AppConfig):
    """Reminders of reporting deadlines, sent by ``planeval manage send_reminders``."""

    name = "planeval.web.reminders"
    label = "reminders"
    verbose_name = "planeval reminders"
