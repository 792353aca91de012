"""Load the legal grounds of exclusion from people/data/exclusion_categories.csv."""

from django.db import migrations

from muflon.people.reference import read_exclusion_categories, upsert_exclusion_categories


def load(apps, schema_editor):
    upsert_exclusion_categories(apps.get_model("people", "ExclusionCategory"))


def unload(apps, schema_editor):
    codes = [row["code"] for row in read_exclusion_categories()]
    apps.get_model("people", "ExclusionCategory").objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
