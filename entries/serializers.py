"""The API's serializers of what has a primary region — platforms, clusters, organisations — and
the fields platforms and clusters share."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, serializers
from rest_framework.exceptions import ErrorDetail

from accounts import roles
from elmo import i18n
from elmo.api.fields import TranslatedField
from elmo.api.serializers import PageUrlField, RegistrySerializer, SourcesField
from priorities.models import Priority, Region

from .services import entry_save


class ScopedSerializer(RegistrySerializer):
    """Writes through the one write path, ``entries.services.entry_save``, as the request's
    user: a refusal of the user's rights is a 403 with the reason, the model's validation
    errors a 400 by the fields the API shows (``name_fi`` → ``name``). Fields and links are
    saved together or not at all."""

    def create(self, validated_data):
        return self._save(self.Meta.model(), validated_data)

    def update(self, instance, validated_data):
        return self._save(instance, validated_data)

    def _save(self, instance, validated_data):
        many = {field.name for field in self.Meta.model._meta.many_to_many}
        links = {name: validated_data.pop(name) for name in list(validated_data) if name in many}
        for name, value in validated_data.items():
            setattr(instance, name, value)
        request = self.context.get("request")
        try:
            return entry_save(entry=instance, links=links, user=getattr(request, "user", None))
        except roles.Refusal as refusal:
            raise exceptions.PermissionDenied(refusal.message) from refusal
        except DjangoValidationError as error:
            # Each message keeps its code: a taken slug ("unique") is a 409 (elmo.api.errors).
            messages: dict[str, list[ErrorDetail]] = {}
            for name, errors in error.error_dict.items():
                messages.setdefault(i18n.field_of(name), []).extend(
                    ErrorDetail(message, code=item.code)
                    for item in errors
                    for message in item.messages
                )
            raise serializers.ValidationError(messages) from error


class EntrySerializer(ScopedSerializer):
    """The fields platforms and clusters share."""

    name = TranslatedField()
    summary = TranslatedField()
    description = TranslatedField(required=False)
    contact_role = TranslatedField(required=False)
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all())
    other_regions = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), many=True, required=False
    )
    priorities = serializers.SlugRelatedField(
        slug_field="slug", queryset=Priority.objects.all(), many=True, required=False
    )
    sources = SourcesField(required=False)
    url = PageUrlField()

    ENTRY_FIELDS = [
        "id",
        "slug",
        "url",
        "status",
        "name",
        "summary",
        "description",
        "region",
        "other_regions",
        "priorities",
        "contact_name",
        "contact_role",
        "contact_email",
        "contact_phone",
        "website",
        "sources",
        "created",
        "updated",
        "last_reviewed",
    ]
    read_only_fields = ["created", "updated"]
