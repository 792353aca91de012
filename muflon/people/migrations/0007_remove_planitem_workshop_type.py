# The workshop of a plan item now lives in the education area (education.PlanItemWorkshop); education's
# migration 0002 copies the links over and runs before this one.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0006_participant_by_change"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="planitem",
            name="workshop_type",
        ),
    ]
