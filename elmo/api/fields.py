"""The one shape of translated text in the API: ``{"fi": …, "sv": …, "en": …}``, in and out."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from elmo import i18n
from elmo.validators import validate_text

LANGUAGES = list(i18n.LANGUAGES)

TRANSLATED_OBJECT = {
    "type": "object",
    "properties": {code: {"type": "string", "nullable": True} for code in LANGUAGES},
    "additionalProperties": False,
    "description": "The text in Finnish, Swedish and English; null where a language is missing.",
}
# With ?lang=… the object is flattened to the text of that language (Finnish as fallback).
TRANSLATED_SCHEMA = {"oneOf": [TRANSLATED_OBJECT, {"type": "string", "nullable": True}]}


def translated(texts, language=None):
    """The API's form of ``texts`` (``{"fi": …, "sv": …, "en": …}``): all of them, missing ones
    as null, or with ``language`` that language's text, else that of the first fallback
    language with one (Finnish), as modeltranslation falls back. The exports read the texts
    from ``values()`` rows and call this directly."""
    if language:
        return i18n.fallback_text(texts, language)
    return {code: texts[code] or None for code in LANGUAGES}


class TranslatedField(serializers.Field):
    """A modeltranslation field (``name_fi``, ``name_sv``, ``name_en``) as one object.

    Reading gives every language, missing ones as null, or — when the serializer context has
    ``lang`` — the text of that language with the Finnish fallback. Writing takes an object
    whose keys are language codes: a given key sets that language (null or "" clears it), a
    missing key leaves it as it was. The default language of a required field cannot be
    cleared; the serializer checks that on create.

    ``name = TranslatedField()`` reads and writes ``name_fi``, ``name_sv`` and ``name_en``;
    ``offer = TranslatedField(column="offer_text")`` shows ``offer_text_fi``… as ``offer``.
    """

    default_error_messages = {
        "not_object": _('Expected an object with the language keys "fi", "sv" and "en".'),
        "unknown_language": _("Unknown language {codes}: use fi, sv or en."),
        "not_text": _("The {code} text must be a string or null."),
        "too_long": _("The {code} text is longer than {max} characters."),
    }

    def __init__(self, *, column=None, **kwargs):
        kwargs["source"] = "*"
        self._column = column
        super().__init__(**kwargs)

    @property
    def column(self):
        """The translated model field: the field's own name unless given."""
        return self._column or self.field_name

    def model_field(self, code):
        model = self.parent.Meta.model
        return model._meta.get_field(i18n.column(self.column, code))

    def to_representation(self, instance):
        texts = i18n.to_object(instance, self.column, keep_empty=True)
        return translated(texts, self.context.get("lang"))

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            self.fail("not_object")
        unknown = sorted(set(data) - set(LANGUAGES))
        if unknown:
            self.fail("unknown_language", codes=", ".join(map(str, unknown)))
        values = {}
        for code, text in data.items():
            if text is not None and (not isinstance(text, str) or "\x00" in text):
                self.fail("not_text", code=code)
            # Before stripping: a control character is refused wherever it stands.
            try:
                validate_text(text)
            except DjangoValidationError as error:
                raise serializers.ValidationError(error.messages) from error
            text = (text or "").strip()
            max_length = self.model_field(code).max_length
            if max_length and len(text) > max_length:
                self.fail("too_long", code=code, max=max_length)
            values[i18n.column(self.column, code)] = text or None
        return values
