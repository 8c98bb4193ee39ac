from rest_framework import serializers

from elmo.api.fields import TranslatedField
from elmo.api.serializers import CompactSerializer, RegistrySerializer
from entries.serializers import EntrySerializer
from platforms.models import InnovationPlatform, Organisation

from .models import Cluster, IndustrialEcosystem, VanguardPilot


class ClusterSerializer(EntrySerializer):
    coordinator = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), allow_null=True, required=False
    )
    partners = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), many=True, required=False
    )
    members = serializers.SlugRelatedField(
        slug_field="slug", queryset=InnovationPlatform.objects.all(), many=True, required=False
    )
    ecosystems = serializers.SlugRelatedField(
        slug_field="slug", queryset=IndustrialEcosystem.objects.all(), many=True, required=False
    )
    pilots = serializers.SlugRelatedField(
        slug_field="slug", queryset=VanguardPilot.objects.all(), many=True, required=False
    )

    embeddable = {
        "coordinator": ("coordinator", CompactSerializer),
        "partners": ("partners", CompactSerializer),
        "members": ("members", CompactSerializer),
        "regions": ("other_regions", CompactSerializer),
        "priorities": ("priorities", CompactSerializer),
        "ecosystems": ("ecosystems", CompactSerializer),
        "pilots": ("pilots", CompactSerializer),
    }

    class Meta:
        model = Cluster
        fields = [
            *EntrySerializer.ENTRY_FIELDS,
            "coordinator",
            "partners",
            "members",
            "ecosystems",
            "pilots",
            "eccp_url",
            "founded",
            "embedded",
        ]
        read_only_fields = EntrySerializer.read_only_fields


class PilotSerializer(RegistrySerializer):
    name = TranslatedField()
    description = TranslatedField()
    platforms = serializers.SerializerMethodField()
    clusters = serializers.SerializerMethodField()

    class Meta:
        model = VanguardPilot
        fields = [
            "id",
            "slug",
            "name",
            "description",
            "started",
            "lead_regions",
            "ip_area_participates",
            "website",
            "platforms",
            "clusters",
            "embedded",
        ]

    def get_platforms(self, pilot) -> list[str]:
        return [platform.slug for platform in pilot.platforms.all()]

    def get_clusters(self, pilot) -> list[str]:
        return [cluster.slug for cluster in pilot.clusters.all()]


class EcosystemSerializer(RegistrySerializer):
    name = TranslatedField()

    class Meta:
        model = IndustrialEcosystem
        fields = ["id", "slug", "name", "order", "embedded"]
