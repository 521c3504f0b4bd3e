from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from django.db.models.signals import post_save

        from councils.signals import council_page_context, partnership_page_context
        from ideas.models import Comment, IdeaEvent
        from ideas.signals import idea_detail_context, idea_page_columns
        from outcomes.signals import outcome_published
        from pilots import signals as pilot_signals
        from pilots.models import Pilot

        from . import buttons, receivers
        from .models import Notification

        connections = [
            (post_save, receivers.on_idea_event, IdeaEvent),
            (post_save, receivers.on_idea_comment, Comment),
            (post_save, receivers.on_pilot_saved, Pilot),
            (pilot_signals.sign_off_requested, receivers.on_sign_off_requested, None),
            (outcome_published, receivers.on_outcome_published, None),
            (pilot_signals.question_asked, receivers.on_question_asked, None),
            (pilot_signals.question_answered, receivers.on_question_answered, None),
            (pilot_signals.comment_posted, receivers.on_comment_posted, None),
            (pilot_signals.people_mentioned, receivers.on_people_mentioned, None),
            (pilot_signals.followed_by, receivers.follows_for_digest, None),
            (post_save, receivers.on_notification_saved, Notification),
            (idea_page_columns, buttons.idea_page_columns, None),
            (idea_detail_context, buttons.on_idea_page, None),
            (pilot_signals.pilot_page_columns, buttons.pilot_page_columns, None),
            (pilot_signals.pilot_detail_context, buttons.on_pilot_page, None),
            (council_page_context, buttons.on_council_page, None),
            (partnership_page_context, buttons.on_partnership_page, None),
        ]
        for signal, receiver, sender in connections:
            signal.connect(
                receiver, sender=sender, dispatch_uid=f"notifications.{receiver.__name__}"
            )
