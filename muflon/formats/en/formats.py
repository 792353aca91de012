"""The English interface keeps Polish formats: the data (dates, PLN, numbers) are Polish whatever the language."""

from django.conf.locale.pl.formats import *  # noqa: F403
