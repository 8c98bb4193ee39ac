from django.core.exceptions import BadRequest


class RejectNulCharactersMiddleware:
    """A NUL character in the address, the query or a header is a 400 before any view runs.

    No database can store NUL in text (PostgreSQL refuses it outright), so no legitimate
    request carries one. Headers count too: an API token, a user name or the Referer of a
    feedback message is looked up or stored.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            "\x00" in request.path
            or "\x00" in request.META.get("QUERY_STRING", "")
            or any(
                "\x00" in key or any("\x00" in value for value in values)
                for key, values in request.GET.lists()
            )
            or any(
                "\x00" in value
                for key, value in request.META.items()
                if key.startswith("HTTP_") and isinstance(value, str)
            )
        ):
            raise BadRequest("NUL character in the request")
        return self.get_response(request)
