# A public sign-up repeated within a day is noted on the waiting queue entry instead of becoming a second one.

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0007_remove_planitem_workshop_type"),
    ]

    operations = [
        migrations.CreateModel(
            name="RepeatedSignUp",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "signed_up_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="signed up again"),
                ),
                ("address_hmac", models.CharField(blank=True, editable=False, max_length=64)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "candidate",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="repeats",
                        to="people.candidate",
                        verbose_name="queue entry",
                    ),
                ),
            ],
            options={
                "verbose_name": "repeated sign-up",
                "verbose_name_plural": "repeated sign-ups",
                "ordering": ["signed_up_at", "id"],
                "indexes": [models.Index(fields=["address_hmac", "signed_up_at"], name="repeated_sign_up_per_address")],
            },
        ),
    ]
