"""Downloads of the browse, council, partnership and outcome lists as CSV or XLSX.

Each download holds the rows and columns of its page, for the person asking,
with the filters in the query string: the same scoped queryset (`visible_to`)
and the same FilterSet as the page, every page of it at once. A filter the page
would reject is left out, as the page leaves it out. Members' downloads are
recorded in the audit log; visitors' (public rows only) are bounded instead.
"""

from django.core.cache import cache
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from audit.services import Kind, council_of, record
from councils.filters import CouncilFilter
from councils.models import Council, Partnership
from councils.visibility import audience_in_words
from ideabank.lib.proxy import client_ip
from ideas.models import Idea
from ideas.permissions import author_label
from outcomes.models import Outcome
from pilots.models import Pilot

from .exports import CHUNK_SIZE, OGL_URL, RESPONSES, Column, Export
from .filters import DidNotWorkFilter, ExperimentFilter, IdeaFilter
from .pagination import MAX_PAGES, PER_PAGE
from .views import (
    COUNCIL_FIXED,
    PARTNERSHIP_FIXED,
    browse_rows,
    did_not_work_of,
    experiments_of,
)

# A visitor's file stops where the pages stop (they can already read that many
# rows, 20 at a time), and one address gets a few such files a minute; members'
# downloads are whole, and each is recorded in the audit log.
VISITOR_ROWS = PER_PAGE * MAX_PAGES
VISITOR_DOWNLOADS_PER_MINUTE = 30
MYSOCIETY_LICENCE = (
    "Council names, codes and types: mySociety, "
    "https://pages.mysociety.org/uk_local_authority_names_and_codes, "
    "under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
)


def licence(user):
    if not user.is_authenticated:
        return _("Public information under the Open Government Licence v3.0: %(url)s") % {
            "url": OGL_URL
        }
    return _(
        "Some rows may be shared with councils only: the column “Who can see it” says who "
        "may see each one. Check it before you publish this file. Public rows are under "
        "the Open Government Licence v3.0: %(url)s"
    ) % {"url": OGL_URL}


def theme_names(obj):
    return ", ".join(theme.name for theme in obj.themes.all())


def outcome_of(pilot):
    # A pilot with no outcome raises on the reverse one-to-one (an AttributeError).
    return getattr(pilot, "outcome", None)


def local_date(moment):
    return timezone.localdate(moment) if moment else None


def labelled(label, key):
    """`label(obj)` worked out once per `key(obj)`: a model's choice label looks up every
    choice's translation on each call, which would dominate a long file."""
    labels = {}

    def value(obj):
        found = key(obj)
        if found not in labels:
            labels[found] = str(label(obj))
        return labels[found]

    return value


def attribute(name):
    return lambda obj: getattr(obj, name)


def link(request):
    site = request.build_absolute_uri("/").removesuffix("/")
    return lambda obj: site + obj.get_absolute_url()


def pilot_label_key(pilot):
    """What a pilot's status label depends on (Pilot.status_label)."""
    return (pilot.status, pilot.start_date, bool(pilot.sign_off_requested_at))


def audience(model):
    """The "Who can see it" column's words for a row of `model` (Idea or Pilot)."""
    return labelled(
        lambda row: audience_in_words(
            model.audience_of(row.status, row.visibility), row.council.short_name
        ),
        lambda row: (row.status, row.visibility, row.council_id),
    )


def experiment_columns(request):
    def verdict(pilot):
        outcome = outcome_of(pilot)
        return verdict_label(outcome) if outcome else ""

    verdict_label = labelled(Outcome.get_verdict_display, attribute("verdict"))

    def evidence(pilot):
        outcome = outcome_of(pilot)
        return outcome.evidence_level if outcome else None

    return [
        Column(_("Experiment"), lambda pilot: pilot.title),
        Column(_("Link"), link(request)),
        Column(_("Status"), labelled(attribute("status_label"), pilot_label_key)),
        Column(_("What happened"), verdict),
        Column(_("Evidence level"), evidence),
        Column(_("Council"), lambda pilot: pilot.council.short_name),
        Column(_("Who can see it"), audience(Pilot)),
        Column(_("Added on"), lambda pilot: local_date(pilot.created_at)),
        Column(_("Adopted by other councils"), lambda pilot: pilot.adoption_count),
        Column(_("Summary"), lambda pilot: pilot.summary),
        Column(_("Themes"), theme_names),
    ]


def idea_columns(request):
    return [
        Column(_("Idea"), lambda idea: idea.title),
        Column(_("Link"), link(request)),
        Column(
            _("Status"),
            labelled(attribute("status_label"), lambda idea: (idea.status, idea.verdict)),
        ),
        Column(_("Council"), lambda idea: idea.council.short_name),
        Column(_("Who can see it"), audience(Idea)),
        Column(_("By"), lambda idea: str(author_label(request.user, idea))),
        Column(_("Added on"), lambda idea: local_date(idea.created_at)),
        Column(_("Themes"), theme_names),
    ]


def experiment_rows(request, scoped, fixed=(), filter_class=ExperimentFilter):
    """The experiments of a browse page: its FilterSet on `scoped`, every page, in its order."""
    filterset = filter_class(
        request.GET, queryset=scoped, request=request, fixed=fixed, every_match=True
    )
    return browse_rows(request, filterset)


def shared_idea_rows(request):
    scoped = Idea.objects.shared_with(request.user)
    filterset = IdeaFilter(request.GET, queryset=scoped, request=request, every_match=True)
    return browse_rows(request, filterset)


def dated_filename(name):
    return f"{name}-{timezone.localdate().isoformat()}"


def download(request, fmt, *, title, name, columns, rows, licence_line=None):
    """Send `rows` as a file: bounded for visitors, recorded in the audit log for members."""
    user = request.user
    if user.is_authenticated:
        record(
            Kind.EXPORT,
            request=request,
            council=council_of(user),
            subject=f"{title} ({fmt.upper()})",
            detail=request.GET.urlencode() or _("no filters"),
        )
    else:
        if too_many_downloads(request):
            response = render(request, "429.html", status=429)
            response["Retry-After"] = "60"
            return response
        rows = rows[:VISITOR_ROWS]
    export = Export(
        title=title,
        filename=dated_filename(name),
        licence=licence_line or licence(user),
        source_url=request.build_absolute_uri(),
        columns=columns,
        rows=rows.iterator(chunk_size=CHUNK_SIZE),
    )
    return RESPONSES[fmt](export)


def too_many_downloads(request):
    """True past VISITOR_DOWNLOADS_PER_MINUTE downloads from this address this minute."""
    minute = timezone.now().strftime("%Y%m%d%H%M")
    key = f"explore:downloads:{client_ip(request)}:{minute}"
    cache.add(key, 0, timeout=60)
    return cache.incr(key) > VISITOR_DOWNLOADS_PER_MINUTE


def experiments_download(request, fmt, *, title, name, fixed=(), **where):
    """The experiments of a browse page (all, or a council's or partnership's) as a file."""
    return download(
        request,
        fmt,
        title=title,
        name=name,
        columns=experiment_columns(request),
        rows=experiment_rows(request, experiments_of(request.user, **where), fixed),
    )


@require_safe
def experiments(request, fmt):
    return experiments_download(request, fmt, title=_("Experiments"), name="experiments")


@require_safe
def did_not_work(request, fmt):
    columns = [
        *experiment_columns(request),
        Column(_("Why it stopped early"), lambda pilot: pilot.stop_reason),
        Column(_("What they learned"), lambda pilot: pilot.outcome.learned),
        Column(_("What they would do differently"), lambda pilot: pilot.outcome.do_differently),
    ]
    rows = experiment_rows(request, did_not_work_of(request.user), filter_class=DidNotWorkFilter)
    return download(
        request,
        fmt,
        title=_("Pilots that did not work"),
        name="did-not-work",
        columns=columns,
        rows=rows,
    )


@require_safe
def ideas(request, fmt):
    return download(
        request,
        fmt,
        title=_("Shared ideas"),
        name="ideas",
        columns=idea_columns(request),
        rows=shared_idea_rows(request),
    )


def place_experiments(request, fmt, place, name, fixed, **where):
    """The experiments of a council's or a partnership's page as a file."""
    return experiments_download(
        request,
        fmt,
        title=_("Experiments: %(place)s") % {"place": name},
        name=f"{place.slug}-experiments",
        fixed=fixed,
        **where,
    )


@require_safe
def council_experiments(request, slug, fmt):
    council = get_object_or_404(Council, slug=slug)
    return place_experiments(
        request, fmt, council, council.short_name, COUNCIL_FIXED, council=council
    )


@require_safe
def partnership_experiments(request, slug, fmt):
    partnership = get_object_or_404(Partnership, slug=slug)
    members = list(partnership.councils.values_list("pk", flat=True))
    return place_experiments(
        request, fmt, partnership, partnership.name, PARTNERSHIP_FIXED, council_id__in=members
    )


@require_safe
def outcomes(request, fmt):
    rows = Outcome.objects.visible_to(request.user).newest_first()
    columns = [
        Column(_("Pilot"), lambda outcome: outcome.pilot.title),
        Column(_("Link"), link(request)),
        Column(_("Council"), lambda outcome: outcome.pilot.council.short_name),
        Column(_("Result"), labelled(Outcome.get_verdict_display, attribute("verdict"))),
        Column(_("Evidence level"), lambda outcome: outcome.evidence_level),
        Column(_("Cost (£)"), lambda outcome: outcome.actual_cost),
    ]
    return download(request, fmt, title=_("Outcomes"), name="outcomes", columns=columns, rows=rows)


@require_safe
def councils(request, fmt):
    filterset = CouncilFilter(request.GET, queryset=Council.objects.order_by("short_name", "code"))
    columns = [
        Column(_("Council"), lambda council: council.short_name),
        Column(_("Link"), link(request)),
        Column(
            _("Type"), labelled(Council.get_authority_type_display, attribute("authority_type"))
        ),
        Column(
            _("Region"),
            labelled(
                lambda council: council.region or council.get_nation_display(),
                lambda council: (council.region, council.nation),
            ),
        ),
        Column(_("Former council"), lambda council: "" if council.active else _("Yes")),
    ]
    return download(
        request,
        fmt,
        title=_("Councils"),
        name="councils",
        columns=columns,
        rows=filterset.qs,
        licence_line=MYSOCIETY_LICENCE,
    )


@require_safe
def partnerships(request, fmt):
    rows = Partnership.objects.annotate(council_count=Count("councils"))
    columns = [
        Column(_("Partnership"), lambda partnership: partnership.name),
        Column(_("Link"), link(request)),
        Column(_("Councils"), lambda partnership: partnership.council_count),
    ]
    return download(
        request, fmt, title=_("Partnerships"), name="partnerships", columns=columns, rows=rows
    )
