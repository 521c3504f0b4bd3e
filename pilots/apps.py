from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "pilots"
    verbose_name = _("Pilots")

    def ready(self):
        from ideas.signals import idea_detail_context, idea_page_columns, review_queue_sections

        from . import receivers

        idea_detail_context.connect(receivers.idea_pilots, dispatch_uid="pilots-idea-pilots")
        idea_page_columns.connect(receivers.idea_page_columns, dispatch_uid="pilots-idea-columns")
        review_queue_sections.connect(
            receivers.cards_waiting_for_sign_off, dispatch_uid="pilots-sign-off-queue"
        )
