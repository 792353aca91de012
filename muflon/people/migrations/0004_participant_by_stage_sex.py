"""The dashboard's counts by stage and sex from one index: (partnership, stage, sex) replaces (partnership, stage)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_planitem_workshop_type"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="participant",
            name="participant_by_stage",
        ),
        migrations.AddIndex(
            model_name="participant",
            index=models.Index(fields=["partnership", "stage", "sex"], name="participant_by_stage_sex"),
        ),
    ]
