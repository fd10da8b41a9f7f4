"""Django's loaddata, writing no change history of its own.

A dump (see README, "Backup and restore") holds every record's history already. Loading it
with history switched on would add a new history entry for every agenda item whose presenters
are set, because django-simple-history records many-to-many changes even for raw loads.
"""

from django.core.management.commands import loaddata
from django.test.utils import override_settings


class Command(loaddata.Command):
    help = loaddata.Command.help + " The records' history is loaded as dumped; none is added."

    def handle(self, *fixture_labels, **options):
        with override_settings(SIMPLE_HISTORY_ENABLED=False):
            return super().handle(*fixture_labels, **options)
