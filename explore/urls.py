from django.urls import path
from django.views.decorators.http import require_safe

from . import export_views, feeds, ledger_views, views

app_name = "explore"

urlpatterns = [
    path("browse/experiments/", views.experiment_list, name="experiments"),
    path("browse/ideas/", views.idea_list, name="ideas"),
    path("browse/did-not-work/", views.did_not_work_list, name="did_not_work"),
    path("councils/<slug:slug>/", views.council_detail, name="council"),
    path("partnerships/<slug:slug>/", views.partnership_detail, name="partnership"),
    path("ledger/", ledger_views.national_ledger, name="ledger"),
    path("councils/<slug:slug>/ledger/", ledger_views.council_ledger, name="council_ledger"),
    path(
        "partnerships/<slug:slug>/ledger/",
        ledger_views.partnership_ledger,
        name="partnership_ledger",
    ),
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

# Each list as a file, with the page's own query string: explore:<list>_csv and _xlsx.
DOWNLOADS = [
    ("browse/experiments/", export_views.experiments, "experiments"),
    ("browse/ideas/", export_views.ideas, "ideas"),
    ("browse/did-not-work/", export_views.did_not_work, "did_not_work"),
    ("councils/<slug:slug>/", export_views.council_experiments, "council"),
    ("partnerships/<slug:slug>/", export_views.partnership_experiments, "partnership"),
    ("outcomes/", export_views.outcomes, "outcomes"),
    ("councils/", export_views.councils, "councils"),
    ("partnerships/", export_views.partnerships, "partnerships"),
]
urlpatterns += [
    path(f"{prefix}download.{fmt}", view, {"fmt": fmt}, name=f"{name}_{fmt}")
    for prefix, view, name in DOWNLOADS
    for fmt in ("csv", "xlsx")
]
