from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "outcomes"
    verbose_name = _("Outcomes")

    def ready(self):
        from ideas.signals import idea_detail_context
        from pilots.signals import pilot_detail_context

        from . import receivers

        pilot_detail_context.connect(
            receivers.pilot_replication, dispatch_uid="outcomes-pilot-replication"
        )
        idea_detail_context.connect(receivers.idea_evidence, dispatch_uid="outcomes-idea-evidence")
