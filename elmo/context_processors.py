from django.urls import translate_url
from django.utils.translation import get_language_info

from . import i18n
from .addresses import absolute_url, on_site


def site(request):
    """The page in every language, for the language switcher and the hreflang alternates."""
    path = on_site(request.get_full_path())
    versions = []
    for code in i18n.LANGUAGES:
        url = translate_url(path, code)
        versions.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"].capitalize(),
                "url": url,
                "absolute_url": absolute_url(url),
            }
        )
    return {"language_versions": versions, "canonical_url": absolute_url(path)}
