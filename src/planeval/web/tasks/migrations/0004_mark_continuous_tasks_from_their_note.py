"""Tasks imported before the ``continuous`` flag existed kept their 完成时限 of 长期坚持 (and the
like) in the note (``完成时限：长期坚持``): mark them continuous, so that they are judged by the
recency of their updates rather than by a due date they never had."""

from django.db import migrations

ONGOING_WORDS = ("长期坚持", "持续推进", "长期推进", "持续实施", "常态化推进", "长期", "持续", "每年")
"""The words of planeval.io.task_dates.ONGOING_WORDS when this migration was written."""
NOTE_PREFIX = "完成时限："


def _written_due(note: str) -> str:
    for part in note.split("；"):
        if part.startswith(NOTE_PREFIX):
            return part.removeprefix(NOTE_PREFIX)
    return ""


def mark_continuous(apps, schema_editor):
    Task = apps.get_model("tasks", "Task")
    marked = [task.pk for task in Task.objects.filter(note__contains=NOTE_PREFIX).only("pk", "note")
              if any(word in _written_due(task.note) for word in ONGOING_WORDS)]  # fmt: skip
    Task.objects.filter(pk__in=marked).update(continuous=True)


class Migration(migrations.Migration):
    dependencies = [("tasks", "0003_task_continuous")]

    operations = [migrations.RunPython(mark_continuous, migrations.RunPython.noop)]
