"""Fill ``returned_on`` of the items sent back before the field existed: the local date of the
history record in which the item last entered the state ``returned``. Reversed: nothing to undo
(the field is dropped by reversing 0002)."""

from django.db import migrations
from django.utils import timezone


def fill_returned_on(apps, schema_editor):
    Item = apps.get_model("supervision", "SupervisionItem")
    History = apps.get_model("supervision", "HistoricalSupervisionItem")
    for item in Item.objects.filter(returned_on__isnull=True):
        returned_on, previous = None, None
        for record in History.objects.filter(id=item.pk).order_by("history_date", "history_id"):
            if record.state == "returned" and previous != "returned":
                returned_on = timezone.localdate(record.history_date)
            previous = record.state
        if returned_on is not None:
            Item.objects.filter(pk=item.pk).update(returned_on=returned_on)


class Migration(migrations.Migration):
    dependencies = [("supervision", "0002_supervisionitem_returned_on")]

    operations = [migrations.RunPython(fill_returned_on, migrations.RunPython.noop)]
