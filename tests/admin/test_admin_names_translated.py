"""Every model and app the admin lists is named in Finnish and Swedish, the libraries' too
(django-otp's authenticator apps, the API tokens)."""

import pytest
from django.contrib import admin
from django.utils import translation


def names(language):
    with translation.override(language):
        return {
            model: (str(model._meta.app_config.verbose_name), str(model._meta.verbose_name_plural))
            for model in admin.site._registry
        }


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_admin_model_and_app_is_named_in_the_language(language):
    english, translated = names("en"), names(language)
    untranslated = [
        name
        for model, pair in translated.items()
        for name, source in zip(pair, english[model], strict=True)
        if name == source
    ]
    assert untranslated == []
