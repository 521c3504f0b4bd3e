"""Which councils are alike: a weighted distance over open data about each council.

The distance between two councils is the weighted mean of seven differences,
each between 0 (alike) and 1 (as different as two councils get):

- deprivation: the composite UK deprivation score (mySociety), as a share of
  the range across current councils;
- population: log10 of the 2020 population, as a share of its range, so that
  100,000 against 200,000 counts as much as 1 million against 2 million;
- density: log10 of people per square kilometre, likewise;
- rural_urban: steps apart on Urban, Urban with rural areas, Mostly rural,
  Sparse and rural, out of the three steps there are;
- emissions: 0 for the same emissions profile (mySociety), else 1;
- council_type: 0 for the same type, 0.5 for the same tier (for example a
  London borough and a unitary authority both run every service), else 1;
- nation: 0 in the same nation, else 1.

WEIGHTS below is the only place their importance is set: raising a weight makes
councils alike in that measure move up each other's lists. A value the data
does not give (a new combined authority has no density or population) counts
as 1, so councils are never called alike in what is not known. A council is at
distance 0 from itself (as is one whose every measure is the same), and the
distance from A to B is the distance from B to A.

Each council's SIMILAR_COUNT nearest current councils are stored in
`SimilarCouncil` by `rebuild_similar_councils`, which `import_councils` runs,
with the measures they are alike in (a difference of at most ALIKE_UP_TO) as
reasons; `reason_text` puts the weightiest REASONS_SHOWN of those in words.
"""

import math
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Council, CouncilProfile, SimilarCouncil

WEIGHTS = {
    "deprivation": 3,
    "rural_urban": 2,
    "density": 2,
    "council_type": 2,
    "population": 1,
    "emissions": 1,
    "nation": 1,
}
SIMILAR_COUNT = 10
ALIKE_UP_TO = 0.05  # a difference this small or smaller is given as a reason
REASONS_SHOWN = 3  # the weightiest reasons only: a list of seven says nothing
RURAL_URBAN_STEPS = list(CouncilProfile.RuralUrban.values)
NUMERIC = ("deprivation", "population", "density")

Type = Council.AuthorityType
TIERS = {
    "all services": {
        Type.LONDON_BOROUGH,
        Type.METROPOLITAN_DISTRICT,
        Type.UNITARY,
        Type.WELSH_UNITARY,
        Type.SCOTTISH_UNITARY,
        Type.CITY_CORPORATION,
    },
    "district": {Type.NON_METROPOLITAN_DISTRICT, Type.NI_DISTRICT},
    "county": {Type.COUNTY},
    "combined": {Type.COMBINED, Type.STRATEGIC_REGIONAL},
}
TIER_OF = {kind: tier for tier, kinds in TIERS.items() for kind in kinds}

TYPE_PLURALS = {
    Type.LONDON_BOROUGH: gettext_lazy("both London boroughs"),
    Type.METROPOLITAN_DISTRICT: gettext_lazy("both metropolitan districts"),
    Type.NON_METROPOLITAN_DISTRICT: gettext_lazy("both district councils"),
    Type.UNITARY: gettext_lazy("both unitary authorities"),
    Type.COUNTY: gettext_lazy("both county councils"),
    Type.WELSH_UNITARY: gettext_lazy("both Welsh councils"),
    Type.SCOTTISH_UNITARY: gettext_lazy("both Scottish councils"),
    Type.NI_DISTRICT: gettext_lazy("both Northern Ireland councils"),
    Type.COMBINED: gettext_lazy("both combined authorities"),
}
RURAL_URBAN_PHRASES = {
    CouncilProfile.RuralUrban.URBAN: gettext_lazy("both urban"),
    CouncilProfile.RuralUrban.URBAN_WITH_RURAL: gettext_lazy("both urban with rural areas"),
    CouncilProfile.RuralUrban.RURAL: gettext_lazy("both mostly rural"),
    CouncilProfile.RuralUrban.SPARSE: gettext_lazy("both sparse and rural"),
}


@dataclass(frozen=True)
class Features:
    """The measures of one council that the distance compares (None: not known)."""

    deprivation: float | None
    population: float | None
    density: float | None
    rural_urban: int | None
    emissions: str
    council_type: str
    nation: str


def log10_or_none(value):
    return math.log10(value) if value else None


def features_of(council, profile):
    profile = profile or CouncilProfile()
    return Features(
        deprivation=profile.deprivation_score,
        population=log10_or_none(council.population),
        density=log10_or_none(profile.density),
        rural_urban=(
            RURAL_URBAN_STEPS.index(profile.rural_urban) if profile.rural_urban else None
        ),
        emissions=profile.emissions,
        council_type=council.authority_type,
        nation=council.nation,
    )


def ranges_of(all_features):
    """The spread of each numeric measure across councils, to scale differences to 0..1."""
    ranges = {}
    for name in NUMERIC:
        values = [getattr(f, name) for f in all_features if getattr(f, name) is not None]
        ranges[name] = (max(values) - min(values)) if len(values) > 1 else 0
    return ranges


def differences(a, b, ranges):
    """Each measure's difference between councils `a` and `b`, from 0 to 1."""
    result = {}
    for name in NUMERIC:
        x, y = getattr(a, name), getattr(b, name)
        if x is None or y is None:
            result[name] = 1.0
        else:
            result[name] = min(abs(x - y) / ranges[name], 1.0) if ranges[name] else 0.0
    if a.rural_urban is None or b.rural_urban is None:
        result["rural_urban"] = 1.0
    else:
        result["rural_urban"] = abs(a.rural_urban - b.rural_urban) / (len(RURAL_URBAN_STEPS) - 1)
    result["emissions"] = 0.0 if a.emissions and a.emissions == b.emissions else 1.0
    result["council_type"] = type_difference(a.council_type, b.council_type)
    result["nation"] = 0.0 if a.nation == b.nation else 1.0
    return result


def type_difference(a, b):
    if a == b:
        return 0.0
    return 0.5 if TIER_OF.get(a) == TIER_OF.get(b) else 1.0


def distance(a, b, ranges, weights=WEIGHTS):
    """The weighted mean of the differences: 0 for alike councils, 1 at most."""
    if a == b:  # a council and itself, even where something is not known
        return 0.0
    apart = differences(a, b, ranges)
    return sum(weights[name] * apart[name] for name in weights) / sum(weights.values())


def reasons(a, b, ranges):
    """The measures `a` and `b` are alike in, the weightiest first."""
    apart = differences(a, b, ranges)
    alike = [name for name in WEIGHTS if apart[name] <= ALIKE_UP_TO]
    if apart["council_type"] == 0.5:  # not the same type, but the same services
        alike.append("tier")
    return alike


def reason_text(keys, council, profile):
    """The reasons in words, e.g. "similar deprivation, both mostly rural".

    `council` and `profile` are either council of the pair: they share what is named.
    """
    words = {
        "deprivation": _("similar deprivation"),
        "population": _("similar population"),
        "density": _("similar population density"),
        "nation": _("both in %(nation)s") % {"nation": council.get_nation_display()},
        "tier": _("both run the same services"),
    }
    phrases = []
    for key in keys[:REASONS_SHOWN]:
        if key == "rural_urban":
            phrases.append(str(RURAL_URBAN_PHRASES[profile.rural_urban]))
        elif key == "emissions":
            phrases.append(
                _("emissions %(profile)s") % {"profile": profile.get_emissions_display()}
            )
        elif key == "council_type":
            phrases.append(str(TYPE_PLURALS.get(council.authority_type, _("the same type"))))
        else:
            phrases.append(words[key])
    return ", ".join(phrases)


@dataclass
class Likeness:
    council: Council
    distance: float
    reasons: str


def most_similar(council):
    """`council`'s stored most similar councils, nearest first, with reasons in words."""
    links = council.similar_links.select_related("similar__profile").order_by("rank")
    return [likeness_of(link) for link in links]


def likeness_of(link):
    profile = getattr(link.similar, "profile", None)
    return Likeness(link.similar, link.distance, reason_text(link.reasons, link.similar, profile))


def likeness_to(council_id):
    """{council id: Likeness} for `council_id` itself (distance 0, no reasons) and its
    stored most similar councils; every other council is not counted as alike."""
    if council_id is None:
        return {}
    links = SimilarCouncil.objects.filter(council_id=council_id).select_related("similar__profile")
    found = {link.similar_id: likeness_of(link) for link in links}
    found[council_id] = Likeness(None, 0.0, "")
    return found


COMPARISON_COUNT = 5


def comparison_councils(council_id, *, leave_out=(), count=COMPARISON_COUNT):
    """Up to `count` of `council_id`'s most similar councils, nearest first, leaving out the
    councils in `leave_out` (those already running the same kind of pilot): councils to
    compare a pilot's measure with."""
    links = (
        SimilarCouncil.objects.filter(council_id=council_id)
        .exclude(similar_id__in=set(leave_out))
        .select_related("similar__profile")
        .order_by("rank")
    )
    return [likeness_of(link) for link in links[:count]]


def similar_council_ids(council):
    """The ids of `council`'s stored most similar councils."""
    return SimilarCouncil.objects.filter(council=council).values("similar_id")


def nearest(council_features, ranges, count=SIMILAR_COUNT):
    """For each council id, its `count` nearest others: [(other id, distance, reasons)].

    Ties go to the council that comes first by id, so a rebuild gives the same table.
    """
    table = {}
    for pk, mine in council_features.items():
        scored = sorted(
            (distance(mine, theirs, ranges), other)
            for other, theirs in council_features.items()
            if other != pk
        )
        table[pk] = [
            (other, d, reasons(mine, council_features[other], ranges))
            for d, other in scored[:count]
        ]
    return table


@transaction.atomic
def rebuild_similar_councils():
    """Store each current council's nearest councils; return True if the table changed."""
    councils = list(Council.objects.active())
    profiles = CouncilProfile.objects.in_bulk(field_name="council_id")
    council_features = {c.pk: features_of(c, profiles.get(c.pk)) for c in councils}
    table = nearest(council_features, ranges_of(council_features.values()))
    rows = [
        SimilarCouncil(
            council_id=pk, similar_id=other, rank=rank, distance=round(d, 6), reasons=why
        )
        for pk, nearest_ones in table.items()
        for rank, (other, d, why) in enumerate(nearest_ones, start=1)
    ]
    stored = SimilarCouncil.objects.select_for_update().values_list(
        "council_id", "similar_id", "rank", "distance", "reasons"
    )
    if {as_key(row) for row in stored} == {
        as_key((r.council_id, r.similar_id, r.rank, r.distance, r.reasons)) for r in rows
    }:
        return False
    SimilarCouncil.objects.all().delete()
    SimilarCouncil.objects.bulk_create(rows, batch_size=1000)
    return True


def as_key(row):
    council_id, similar_id, rank, d, why = row
    return council_id, similar_id, rank, d, tuple(why)
