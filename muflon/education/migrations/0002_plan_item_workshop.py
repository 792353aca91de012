# The workshop that fulfils a support plan item moves from people.PlanItem.workshop_type into the education
# area, so that people names no area built on it; the links are copied before people drops its column.

import django.db.models.deletion
from django.db import migrations, models


def copy_links(apps, schema_editor):
    PlanItem = apps.get_model("people", "PlanItem")
    PlanItemWorkshop = apps.get_model("education", "PlanItemWorkshop")
    items = PlanItem.objects.filter(workshop_type__isnull=False).values_list("pk", "workshop_type_id")
    PlanItemWorkshop.objects.bulk_create(
        PlanItemWorkshop(plan_item_id=item, workshop_type_id=workshop_type) for item, workshop_type in items
    )


def copy_links_back(apps, schema_editor):
    PlanItem = apps.get_model("people", "PlanItem")
    PlanItemWorkshop = apps.get_model("education", "PlanItemWorkshop")
    for link in PlanItemWorkshop.objects.all():
        PlanItem.objects.filter(pk=link.plan_item_id).update(workshop_type_id=link.workshop_type_id)


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0001_initial"),
        ("people", "0006_participant_by_change"),
    ]
    run_before = [
        ("people", "0007_remove_planitem_workshop_type"),
    ]

    operations = [
        migrations.CreateModel(
            name="PlanItemWorkshop",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "plan_item",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE, related_name="workshop_link", to="people.planitem"
                    ),
                ),
                (
                    "workshop_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="plan_item_links",
                        to="education.workshoptype",
                        verbose_name="workshop",
                    ),
                ),
            ],
            options={
                "verbose_name": "workshop of a plan item",
                "verbose_name_plural": "workshops of plan items",
                "ordering": ["id"],
            },
        ),
        migrations.RunPython(copy_links, copy_links_back),
    ]
