"""Pages of a list with a hard size and a hard limit, so no page number can be slow or fail."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

PER_PAGE = 20
MAX_PAGES = 500


class BoundedPaginator(Paginator):
    """At most MAX_PAGES pages of PER_PAGE rows, however many rows there are.

    Past the last page (or past MAX_PAGES) `get_page` shows the last page; a
    page number that is not a number shows the first. `count` comes from the
    caller when it already has it (the browse pages count with their facets);
    otherwise at most one row more than the pages can show is counted.
    """

    def __init__(self, object_list, count=None, *, at_most=None):
        super().__init__(object_list, PER_PAGE)
        # A list counted up to `at_most` and one more (a search, explore/search.py): above
        # it, the pages show `at_most` rows and the count says "more than".
        self.more_than = None
        if count is not None and at_most is not None and count > at_most:
            self.more_than, count = at_most, at_most
        if count is not None:
            self.count = count

    @cached_property
    def limit(self):
        return self.per_page * MAX_PAGES

    @cached_property
    def count(self):
        return count_up_to(self.object_list, self.limit)

    @property
    def is_capped(self):
        """True when there are more rows than the pages can show."""
        return self.count > self.limit

    @cached_property
    def num_pages(self):
        return min(super().num_pages, MAX_PAGES)


def count_up_to(rows, limit):
    """The number of `rows`, exact up to `limit`; `limit + 1` for any number above it.

    It stops one row past the limit: a few milliseconds however many rows match.
    """
    return rows.order_by().values("pk")[: limit + 1].count()


class PageRows:
    """A list the paginator reads one page at a time, through `fetch(start, stop)`.

    For lists whose pages are fetched another way than by slicing one query
    (`BrowseFilter.page_rows`); give the paginator their count.
    """

    ordered = True  # `fetch` returns its rows in the list's order

    def __init__(self, fetch):
        self.fetch = fetch

    def __getitem__(self, page):
        return self.fetch(page.start, page.stop)


def paginate(request, queryset, count=None, *, at_most=None):
    """The requested page, its rows already fetched (templates issue no queries)."""
    paginator = BoundedPaginator(queryset, count, at_most=at_most)
    page_obj = paginator.get_page(request.GET.get("page"))
    page_obj.object_list = list(page_obj.object_list)
    return page_obj
