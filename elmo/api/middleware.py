from django.middleware.gzip import GZipMiddleware


class ApiGZipMiddleware(GZipMiddleware):
    """Compress API responses only.

    HTML pages carry CSRF tokens, and compressing secrets beside reflected input invites the
    BREACH attack; the API's open data has no such secrets.
    """

    def process_response(self, request, response):
        if not request.path.startswith("/api/"):
            return response
        return super().process_response(request, response)
