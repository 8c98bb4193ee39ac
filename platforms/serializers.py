from decimal import Decimal

from django.utils.translation import gettext as _
from rest_framework import serializers

from elmo.api.fields import TranslatedField
from elmo.api.serializers import CompactSerializer, PageUrlField, RegistrySerializer
from elmo.validators import FINLAND_LATITUDE, FINLAND_LONGITUDE
from entries.serializers import EntrySerializer, ScopedSerializer
from priorities.models import Region

from .models import (
    MONTHS,
    SERVICE_LANGUAGES,
    InnovationPlatform,
    Organisation,
    PlatformService,
    Service,
    UserGroup,
)


def choice_list(choices, help_text):
    """A list of values out of ``choices`` (a ``ChoiceListField``); ``[]`` when not known."""
    return serializers.ListField(
        child=serializers.ChoiceField(choices=choices),
        required=False,
        allow_empty=True,
        help_text=help_text,
    )


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
            "ror_id",
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


class ServiceOfferSerializer(serializers.ModelSerializer):
    """One of a platform's services, with what a company gets of it."""

    service = serializers.SlugRelatedField(slug_field="slug", queryset=Service.objects.all())
    offer = TranslatedField(
        column="offer_text", required=False, help_text="What a company gets of this service."
    )

    class Meta:
        model = PlatformService
        fields = ["service", "offer"]


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
    offer = TranslatedField(required=False)
    service_offers = ServiceOfferSerializer(
        source="platformservice_set",
        many=True,
        required=False,
        help_text=(
            "The platform's services, each with what a company gets of it. On a write, each "
            "service must be among `services` (as given, or as stored); a service left out "
            'keeps its text, and a text of null or "" clears it.'
        ),
    )
    pricing_note = TranslatedField(required=False)
    lead_time = TranslatedField(required=False)
    country_restriction = TranslatedField(required=False)
    user_groups = choice_list(UserGroup.choices, "Who may use it; [] when not known.")
    months = choice_list(MONTHS, "Months available, 1–12; [] when not known.")
    service_languages = choice_list(
        SERVICE_LANGUAGES, "Languages of service (ISO 639-1); [] when not known."
    )

    def validate(self, attrs):
        """``service_offers`` becomes the texts of the links in ``services``, as the one write
        path takes them: ``{service: {"offer_text_fi": "…"}}``."""
        attrs = super().validate(attrs)
        offers = attrs.pop("platformservice_set", None)
        if offers is None:
            return attrs
        services = attrs.get("services")
        if services is None:
            services = list(self.instance.services.all()) if self.instance else []
        texts = {}
        for offer in offers:
            service = offer.pop("service")
            if service in texts:
                raise serializers.ValidationError(
                    {
                        "service_offers": [
                            _("The service “%(slug)s” is given twice.") % {"slug": service.slug}
                        ]
                    }
                )
            if service not in services:
                raise serializers.ValidationError(
                    {
                        "service_offers": [
                            _(
                                "The service “%(slug)s” is not among the platform's services: "
                                "add it to services too."
                            )
                            % {"slug": service.slug}
                        ]
                    }
                )
            texts[service] = offer
        attrs["services"] = {service: texts.get(service, {}) for service in services}
        return attrs

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
            "offer",
            "service_offers",
            "trl_min",
            "trl_max",
            "access_model",
            "pricing_note",
            "lead_time",
            "user_groups",
            "country_restriction",
            "delivery",
            "months",
            "service_languages",
            "booking_url",
            "general_email",
            "research_fi_urn",
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
