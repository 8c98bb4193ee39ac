from django.http import JsonResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.translation import gettext as _


class ApiGZipMiddleware(GZipMiddleware):
    """Compress API responses only.

    HTML pages carry CSRF tokens, and compressing secrets beside reflected input invites the
    BREACH attack; the API's open data has no such secrets.
    """

    def process_response(self, request, response):
        if not request.path.startswith("/api/"):
            return response
        return super().process_response(request, response)


# The longest address (path and query, as sent) the API reads. gunicorn reads request lines up
# to 8 190 bytes (gunicorn.conf.py), so a longer address than this one gets the API's JSON 414
# rather than the server's HTML one.
MAX_ADDRESS_BYTES = 4000


class ApiAddressLengthMiddleware:
    """A 414 in the API's error shape for an address over ``MAX_ADDRESS_BYTES``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/api/"):
            query = request.META.get("QUERY_STRING", "")
            length = len(request.path.encode()) + (len(query.encode()) + 1 if query else 0)
            if length > MAX_ADDRESS_BYTES:
                detail = _("The address is longer than %(max)d bytes.") % {"max": MAX_ADDRESS_BYTES}
                return JsonResponse({"detail": detail}, status=414)
        return self.get_response(request)
