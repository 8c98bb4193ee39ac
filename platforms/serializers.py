from decimal import Decimal

from rest_framework import serializers

from elmo.api.fields import TranslatedField
from elmo.api.serializers import CompactSerializer, PageUrlField, RegistrySerializer
from elmo.validators import FINLAND_LATITUDE, FINLAND_LONGITUDE
from entries.serializers import EntrySerializer, ScopedSerializer
from priorities.models import Region

from .models import InnovationPlatform, Organisation, Service


class OrganisationSerializer(ScopedSerializer):
    name = TranslatedField()
    region = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), allow_null=True, required=False
    )
    url = PageUrlField()

    class Meta:
        model = Organisation
        fields = [
            "id",
            "slug",
            "name",
            "kind",
            "business_id",
            "website",
            "region",
            "url",
            "created",
            "updated",
            "embedded",
        ]


class ServiceSerializer(RegistrySerializer):
    name = TranslatedField()
    description = TranslatedField()

    class Meta:
        model = Service
        fields = ["id", "slug", "name", "description", "order", "embedded"]


class PlatformSerializer(EntrySerializer):
    hosts = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), many=True, required=False
    )
    services = serializers.SlugRelatedField(
        slug_field="slug", queryset=Service.objects.all(), many=True, required=False
    )
    town = TranslatedField(required=False)
    keywords = TranslatedField(required=False)
    equipment = TranslatedField(required=False)
    access_terms = TranslatedField(required=False)

    embeddable = {
        "hosts": ("hosts", CompactSerializer),
        "regions": ("other_regions", CompactSerializer),
        "priorities": ("priorities", CompactSerializer),
        "services": ("services", CompactSerializer),
        "clusters": ("clusters", CompactSerializer),
        "pilots": ("pilots", CompactSerializer),
    }

    class Meta:
        model = InnovationPlatform
        fields = [
            *EntrySerializer.ENTRY_FIELDS,
            "platform_type",
            "hosts",
            "services",
            "keywords",
            "town",
            "street_address",
            "postal_code",
            "latitude",
            "longitude",
            "equipment",
            "access_terms",
            "embedded",
        ]
        read_only_fields = EntrySerializer.read_only_fields
        # Inside Finland, as the model's check constraint requires; both or neither.
        extra_kwargs = {
            name: {"min_value": Decimal(str(low)), "max_value": Decimal(str(high))}
            for name, (low, high) in (
                ("latitude", FINLAND_LATITUDE),
                ("longitude", FINLAND_LONGITUDE),
            )
        }
