"""Serializer pieces every API endpoint shares."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import ProhibitNullCharactersValidator, URLValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from elmo import i18n
from elmo.addresses import absolute_url
from elmo.validators import validate_text

from .fields import TranslatedField


class CompactSerializer(serializers.Serializer):
    """How a related object is embedded with ``?include=``: its id, slug and name."""

    id = serializers.IntegerField(read_only=True)
    slug = serializers.CharField(read_only=True)
    name = TranslatedField(read_only=True)


@extend_schema_field({"type": "string", "format": "uri"})
class PageUrlField(serializers.ReadOnlyField):
    """The address of the entry's public page, absolute."""

    def __init__(self, **kwargs):
        super().__init__(source="get_absolute_url", **kwargs)

    def get_attribute(self, instance):
        # The page in the language asked for (``?lang=``, else Accept-Language, else Finnish),
        # not in the language of the API's messages.
        with translation.override(self.context.get("page_language") or i18n.DEFAULT):
            return super().get_attribute(instance)

    def to_representation(self, value):
        return absolute_url(value)


@extend_schema_field({"type": "array", "items": {"type": "string", "format": "uri"}})
class SourcesField(serializers.Field):
    """The ``sources`` text (one address per line) as a list of web addresses."""

    def to_representation(self, value):
        return [line.strip() for line in value.splitlines() if line.strip()]

    def to_internal_value(self, data):
        if not isinstance(data, list) or not all(isinstance(item, str) for item in data):
            raise serializers.ValidationError(_("Expected a list of web addresses."))
        # URLValidator lets NUL through in the path, and the database cannot store it.
        checks = [URLValidator(), ProhibitNullCharactersValidator()]
        for item in data:
            try:
                for check in checks:
                    check(item)
            except DjangoValidationError as error:
                raise serializers.ValidationError(
                    _("“%(value)s” is not a web address.") % {"value": item[:100]}
                ) from error
        return "\n".join(data)


class RegistrySerializer(serializers.ModelSerializer):
    """Base of the registry's serializers.

    - ``embedded`` holds the related objects asked for with ``?include=`` (see ``embeddable``:
      include name → (attribute, serializer class)); it is ``{}`` otherwise.
    - A translated field that the model requires needs its Finnish text.

    Writes go through the one write path of the entries (``entries.serializers``).
    """

    embedded = serializers.SerializerMethodField()
    embeddable: dict = {}

    @extend_schema_field({"type": "object", "description": "Objects asked for with ?include="})
    def get_embedded(self, obj):
        result = {}
        for name in sorted(self.context.get("include", ())):
            attribute, serializer_class = self.embeddable[name]
            related = getattr(obj, attribute)
            if isinstance(related, models.Manager):
                result[name] = serializer_class(related.all(), many=True, context=self.context).data
            else:
                result[name] = (
                    serializer_class(related, context=self.context).data if related else None
                )
        return result

    def to_internal_value(self, data):
        # A misspelt field would otherwise be dropped without a word; read-only fields (sent
        # back as a client read them) are ignored.
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                message = _("Unknown field. Fields: %(names)s.") % {
                    "names": ", ".join(n for n, f in self.fields.items() if not f.read_only)
                }
                raise serializers.ValidationError({str(name): [message] for name in unknown})
            # A control character is refused wherever it stands, before a text is stripped; a
            # text field takes a string, not a number that DRF would turn into one.
            errors = {}
            for name, value in data.items():
                field = self.fields[name]
                if isinstance(field, serializers.CharField) and not (
                    value is None or isinstance(value, str)
                ):
                    errors[name] = [str(_("Expected a string."))]
                    continue
                try:
                    validate_text(value)
                except DjangoValidationError as error:
                    errors[name] = error.messages
            if errors:
                raise serializers.ValidationError(errors)
            # An empty text is answered as null, and null may be sent back for it.
            data = {
                name: ""
                if value is None and getattr(self.fields[name], "allow_blank", False)
                else value
                for name, value in data.items()
            }
        return super().to_internal_value(data)

    def to_representation(self, instance):
        # An empty text is null, as in translated texts: never sometimes "" and sometimes null.
        data = super().to_representation(instance)
        for name, value in data.items():
            if value == "":
                data[name] = None
        return data

    def validate(self, attrs):
        attrs = super().validate(attrs)
        for name, field in self.fields.items():
            if not isinstance(field, TranslatedField) or field.read_only:
                continue
            required = not self.Meta.model._meta.get_field(name).blank
            default = i18n.column(name, i18n.DEFAULT)
            if not required:
                continue
            missing_on_create = self.instance is None and not attrs.get(default)
            cleared = default in attrs and not attrs[default]
            if missing_on_create or cleared:
                raise serializers.ValidationError({name: [_("The Finnish text (fi) is required.")]})
        return attrs
