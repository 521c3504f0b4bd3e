from django.urls import path
from django.views.decorators.http import require_safe

from . import feeds, views

app_name = "explore"

urlpatterns = [
    path("browse/experiments/", views.experiment_list, name="experiments"),
    path("browse/ideas/", views.idea_list, name="ideas"),
    path("councils/<slug:slug>/", views.council_detail, name="council"),
    path("partnerships/<slug:slug>/", views.partnership_detail, name="partnership"),
    path("similar-pilots/", views.similar, name="similar"),
    path("similar-pilots/idea/<int:pk>/", views.similar_to_idea, name="similar_to_idea"),
    # Feed instances answer any method on their own; readers only ever GET.
    path("feeds/outcomes/", require_safe(feeds.PublicOutcomesFeed()), name="feed"),
    path(
        "feeds/councils/<slug:slug>/outcomes/",
        require_safe(feeds.CouncilOutcomesFeed()),
        name="council_feed",
    ),
    path(
        "feeds/partnerships/<slug:slug>/outcomes/",
        require_safe(feeds.PartnershipOutcomesFeed()),
        name="partnership_feed",
    ),
]
