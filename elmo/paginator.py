"""Pagination of the site's result lists."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """Counts at most ``cap`` results and offers the pages of those.

    A broad search ("testaus") can match half of 100 000 platforms: counting them all costs more
    than finding the best twenty, and no one pages past the first thousand. ``more`` tells
    whether there were more than ``cap``; the page then says "more than 1 000".

    ``order(depth)``, when given, returns ``object_list`` in the order shown, right for at least
    its first ``depth`` entries: a search ranks only as many as the page asked for needs
    (``search.order_by_relevance``), while the count is of every match. ``counted``, when given,
    is that count already made, up to ``cap`` + 1 (``search.known_count``).
    """

    def __init__(self, object_list, per_page, *, cap=None, order=None, counted=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap or COUNT_CAP
        self.order = order
        if counted is not None:
            self._capped_count = min(counted, self.cap + 1)

    def page(self, number):
        if self.order is None:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        return self._get_page(self.order(top)[bottom:top], number, self)

    @cached_property
    def _capped_count(self):
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @cached_property
    def count(self):
        return min(self._capped_count, self.cap)

    @property
    def more(self):
        return self._capped_count > self.cap
