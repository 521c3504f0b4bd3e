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

    def __init__(self, object_list, count=None):
        super().__init__(object_list, PER_PAGE)
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


def paginate(request, queryset, count=None):
    """The requested page, its rows already fetched (templates issue no queries)."""
    page_obj = BoundedPaginator(queryset, count).get_page(request.GET.get("page"))
    page_obj.object_list = list(page_obj.object_list)
    return page_obj
