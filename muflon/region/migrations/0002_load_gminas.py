"""Load the gminas of the pilot region from region/data/gminas.csv."""

from django.db import migrations

from muflon.region.reference import read_gminas, upsert_gminas


def load_gminas(apps, schema_editor):
    upsert_gminas(apps.get_model("region", "Gmina"))


def unload_gminas(apps, schema_editor):
    Gmina = apps.get_model("region", "Gmina")
    Gmina.objects.filter(terc__in=[row["terc"] for row in read_gminas()]).delete()


class Migration(migrations.Migration):
    dependencies = [("region", "0001_initial")]

    operations = [migrations.RunPython(load_gminas, unload_gminas)]
