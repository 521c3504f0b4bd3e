"""Settings for bench/explore_load.py --varied: the project's, plus a bare view's URL."""

from ideabank.settings import *  # noqa: F403

# The shipped URLs and one more, the baseline: never in ideabank/urls.py.
ROOT_URLCONF = "bench.explore_urls"
