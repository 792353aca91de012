"""Load the gminas of the pilot region from region/data/gminas.csv."""

from django.db import migrations

from muflon.region.reference import read_gminas


def load_gminas(apps, schema_editor):
    Gmina = apps.get_model("region", "Gmina")
    for row in read_gminas():
        Gmina.objects.update_or_create(
            terc=row["terc"],
            defaults={
                "name": row["name"],
                "kind": row["type"],
                "county_terc": row["county_terc"],
                "county_name": row["county_name"],
                "voivodeship": row["voivodeship"],
            },
        )


def unload_gminas(apps, schema_editor):
    Gmina = apps.get_model("region", "Gmina")
    Gmina.objects.filter(terc__in=[row["terc"] for row in read_gminas()]).delete()


class Migration(migrations.Migration):
    dependencies = [("region", "0001_initial")]

    operations = [migrations.RunPython(load_gminas, unload_gminas)]
