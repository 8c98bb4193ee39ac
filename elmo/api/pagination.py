from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination, PageNumberPagination

from elmo.addresses import public_address


class PageSizeAndPublicLinks:
    """``?page_size=`` (1–200, default 50), a size out of range being a 400; the next and
    previous links on the public address, as every link of the API."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        # ASCII digits only: str.isdigit() also accepts "²", which int() refuses, and int()
        # refuses more than 4300 digits.
        number = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 4 else 0
        if not 1 <= number <= self.max_page_size:
            raise ValidationError(
                {
                    "page_size": [
                        _("Enter a whole number from 1 to %(max)d.") % {"max": self.max_page_size}
                    ]
                }
            )
        return int(raw)

    def get_schema_operation_parameters(self, view):
        page, size = super().get_schema_operation_parameters(view)
        page["schema"].update(minimum=1)
        size["schema"].update(minimum=1, maximum=self.max_page_size, default=self.page_size)
        return [page, size]

    def get_next_link(self):
        link = super().get_next_link()
        return link and public_address(link)

    def get_previous_link(self):
        link = super().get_previous_link()
        return link and public_address(link)


class RegistryPagination(PageSizeAndPublicLinks, PageNumberPagination):
    """``?page=`` and ``?page_size=``: numbered pages with the count of every match."""


class SyncPagination(PageSizeAndPublicLinks, CursorPagination):
    """Keyset paging for incremental sync (``?cursor=`` from the ``next`` link): the entries in
    the order they last changed, ``(updated, id)``, read from an index from where the previous
    page ended — page 1 000 costs what page 1 costs, and no count is made. An entry that changes
    while a client pages moves to the end, where the client meets it again."""

    ordering = ("updated", "id")
