from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "evidence"
    verbose_name = _("Evidence files")

    def ready(self):
        from django.db.models.signals import post_delete

        from pilots.signals import pilot_page_columns

        from . import receivers
        from .models import EvidenceFile

        post_delete.connect(
            receivers.delete_stored_file, sender=EvidenceFile, dispatch_uid="evidence-delete-file"
        )
        pilot_page_columns.connect(receivers.pilot_page_columns, dispatch_uid="evidence-columns")
