"""Atom feeds of newly published outcomes. Feeds are public: only public pilots appear,
whoever asks (a feed reader is not signed in, and a feed URL gets shared)."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.translation import gettext as _

from councils.models import Council, Partnership
from outcomes.models import Outcome

FEED_SIZE = 30


def public_outcomes():
    return Outcome.objects.visible_to(AnonymousUser()).newest_first()


class PublicOutcomesFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Idea Bank: outcomes published by councils")

    def subtitle(self):
        return _("What councils found when they tried something new, whatever the result.")

    def link(self):
        return reverse("explore:experiments")

    def items(self):
        return public_outcomes()[:FEED_SIZE]

    def item_title(self, outcome):
        return _("%(council)s: %(title)s – %(verdict)s") % {
            "council": outcome.pilot.council.short_name,
            "title": outcome.pilot.title,
            "verdict": outcome.get_verdict_display(),
        }

    def item_description(self, outcome):
        # Feed readers read this as HTML: what people wrote is escaped.
        return format_html(
            "<p>{}</p><p>{}</p><p>{}</p>",
            outcome.get_verdict_display(),
            _("Evidence level %(level)s") % {"level": outcome.evidence_level},
            outcome.learned,
        )

    def item_link(self, outcome):
        return outcome.get_absolute_url()

    def item_pubdate(self, outcome):
        return outcome.published_at

    def item_updateddate(self, outcome):
        return outcome.published_at


class CouncilOutcomesFeed(PublicOutcomesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Council, slug=slug)

    def title(self, council):
        return _("Idea Bank: outcomes published by %(council)s") % {"council": council.short_name}

    def link(self, council):
        return council.get_absolute_url()

    def items(self, council):
        return public_outcomes().filter(pilot__council=council)[:FEED_SIZE]


class PartnershipOutcomesFeed(PublicOutcomesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Partnership, slug=slug)

    def title(self, partnership):
        return _("Idea Bank: outcomes published in %(partnership)s") % {
            "partnership": partnership.name
        }

    def link(self, partnership):
        return partnership.get_absolute_url()

    def items(self, partnership):
        councils = partnership.councils.values("pk")
        return public_outcomes().filter(pilot__council__in=councils)[:FEED_SIZE]
