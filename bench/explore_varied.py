"""Traffic where every request differs, for bench/explore_load.py --varied (issue 15).

Each measured page gets its own list of distinct paths, drawn here once:
browse pages with a random theme, nation, status or verdict, sort and page
1-10; searches for two random words of the seed vocabulary; random idea and
pilot pages the person may see. wrk goes through the list in order (each thread
from its own starting point), so no path repeats until the list runs out. The
baseline is a bare view (bench/explore_urls.py) in the same run.
"""

import random
from pathlib import Path
from urllib.parse import urlencode

PATHS_PER_PAGE = 20_000
PAGES_DEEP = 10
# Each filter is set on about half the requests: people browse with some filters, not all.
SET = 0.5


def add_varied_arguments(parser):
    """explore_load.py's options for this traffic."""
    parser.add_argument(
        "--varied",
        action="store_true",
        help="every request differs (bench/explore_varied.py), against a bare view",
    )
    parser.add_argument(
        "--costs",
        type=int,
        default=0,
        help="with --varied: first fetch this many different paths of each page in-process",
    )


def vocabulary_words():
    from explore.management.seed_text import VOCABULARY

    words = set()
    for things, people in VOCABULARY.values():
        for phrase in [*things, *people]:
            words.update(word for word in phrase.split() if len(word) > 3)
    return sorted(words)


def choices():
    """What the filters can be set to: the declared options, and the themes there are."""
    from councils.models import Council
    from explore.filters import ExperimentFilter, IdeaFilter
    from ideas.models import Theme
    from outcomes.models import Outcome

    def declared(filter_class, name):
        return [value for value, _label in filter_class.base_filters[name].extra["choices"]]

    return {
        "theme": list(Theme.objects.order_by("slug").values_list("slug", flat=True)),
        "nation": list(Council.Nation.values),
        "pilot_status": declared(ExperimentFilter, "status"),
        "verdict": list(Outcome.Verdict.values),
        "idea_status": declared(IdeaFilter, "status"),
        "pilot_sort": [value for value, _label in ExperimentFilter.SORT_CHOICES],
        "idea_sort": [value for value, _label in IdeaFilter.SORT_CHOICES],
        "words": vocabulary_words(),
    }


def browse_path(base, options, rng, *, pilots, search):
    query = {}
    if search:
        query["q"] = " ".join(rng.sample(options["words"], 2))
    for name in ("theme", "nation"):
        if rng.random() < SET:
            query[name] = rng.choice(options[name])
    if pilots:
        which = rng.choice(["status", "verdict", None])
        if which == "status":
            query["status"] = rng.choice(options["pilot_status"])
        elif which == "verdict":
            query["verdict"] = rng.choice(options["verdict"])
    elif rng.random() < SET:
        query["status"] = rng.choice(options["idea_status"])
    query["sort"] = rng.choice(options["pilot_sort" if pilots else "idea_sort"])
    query["page"] = rng.randint(1, PAGES_DEEP)
    return f"{base}?{urlencode(query)}"


def visible_ids(queryset, count, rng):
    ids = list(queryset.order_by().values_list("pk", flat=True))
    return rng.sample(ids, min(count, len(ids)))


def varied_pages(user, bare_path=None, count=PATHS_PER_PAGE, seed=15):
    """[(name, first path, kind)] and {name: paths}: the pages and what wrk asks for."""
    from django.urls import reverse

    from bench.explore_urls import BARE_PATH

    bare_path = bare_path or f"/{BARE_PATH}"

    from ideas.models import Idea
    from pilots.models import Pilot

    rng = random.Random(seed)  # noqa: S311 (varied traffic, not secrets)
    options = choices()
    experiments, ideas = reverse("explore:experiments"), reverse("explore:ideas")

    def browse(base, **kind):
        return [browse_path(base, options, rng, **kind) for _ in range(count)]

    idea_ids = visible_ids(
        Idea.objects.visible_to(user).exclude(status=Idea.Status.DRAFT), count, rng
    )
    pilot_ids = visible_ids(Pilot.objects.visible_to(user), count, rng)
    paths = {
        "bare view (signed in)": [bare_path],
        "experiments, varied filters": browse(experiments, pilots=True, search=False),
        "ideas, varied filters": browse(ideas, pilots=False, search=False),
        "ideas, 2-word search": browse(ideas, pilots=False, search=True),
        "experiments, 2-word search": browse(experiments, pilots=True, search=True),
        "idea page, varied": [reverse("ideas:detail", args=[pk]) for pk in idea_ids],
        "pilot page, varied": [reverse("pilots:detail", args=[pk]) for pk in pilot_ids],
    }
    kinds = {"bare view (signed in)": "baseline", "idea page, varied": "page"}
    kinds["pilot page, varied"] = "page"
    pages = [(name, values[0], kinds.get(name, "list")) for name, values in paths.items()]
    return pages, paths


def varied_script(paths, report, threads, folder):
    """The file of a wrk script asking for each path in turn, each thread from its own
    starting point."""
    listed = ",\n".join(f'"{path}"' for path in paths)
    script = Path(folder) / "varied.lua"
    script.write_text(f"""
local paths = {{
{listed}
}}
local threads = 0
setup = function(thread)
  thread:set("id", threads)
  threads = threads + 1
end
local n = nil
request = function()
  if n == nil then n = math.floor(id * #paths / {threads}) end
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
{report}
""")
    return str(script)


def request_costs(client, paths, fetch, count):
    """Each page's cost per request, one at a time in-process: the median and slowest of
    `count` different paths (total and SQL ms), free of the queueing wrk measures."""
    costs = {}
    if count:
        print(f"== cost per request, in-process, {count} different paths per page")
    for name, values in paths.items() if count else ():
        fetched = [fetch(client, path) for path in values[:count]]
        total = sorted(row["ms"] for row in fetched)
        sql = sorted(row["sql_ms"] for row in fetched)
        costs[name] = {
            "median_ms": total[len(total) // 2],
            "max_ms": total[-1],
            "median_sql_ms": sql[len(sql) // 2],
            "statuses": sorted({row["status"] for row in fetched}),
        }
        print(
            f"  {name:<34} median {costs[name]['median_ms']:7.1f} ms "
            f"(SQL {costs[name]['median_sql_ms']:6.1f})  slowest {total[-1]:7.1f} ms  "
            f"over {len(fetched)} requests, status {costs[name]['statuses']}",
            flush=True,
        )
    return costs
