from rest_framework import serializers

from elmo.api.fields import TranslatedField
from elmo.api.serializers import PageUrlField, RegistrySerializer

from .models import Priority, Region, Strategy


class RegionSerializer(RegistrySerializer):
    name = TranslatedField()
    centre = TranslatedField()
    council_name = TranslatedField()
    url = PageUrlField()

    class Meta:
        model = Region
        fields = [
            "id",
            "code",
            "slug",
            "nuts3_code",
            "iso_code",
            "name",
            "centre",
            "council_name",
            "council_website",
            "population",
            "population_date",
            "boundary",
            "url",
            "embedded",
        ]


class StrategySerializer(RegistrySerializer):
    name = TranslatedField()
    description = TranslatedField()
    priorities = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Strategy
        fields = [
            "id",
            "slug",
            "name",
            "description",
            "first_year",
            "last_year",
            "is_current",
            "website",
            "priorities",
            "embedded",
        ]


class PrioritySerializer(RegistrySerializer):
    name = TranslatedField()
    description = TranslatedField()
    strategy = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    region = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    url = PageUrlField()

    class Meta:
        model = Priority
        fields = [
            "id",
            "slug",
            "name",
            "description",
            "order",
            "nace_codes",
            "strategy",
            "region",
            "url",
            "embedded",
        ]
