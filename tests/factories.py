"""factory_boy factories; translated fields get text in the language they hold."""

import factory
from factory.django import DjangoModelFactory

from clusters.models import Cluster, IndustrialEcosystem, VanguardPilot
from entries.models import Status
from platforms.models import InnovationPlatform, Organisation, PlatformType, Service
from priorities.models import Priority, Region, Strategy


def words(locale, nb=3):
    return factory.Faker("sentence", nb_words=nb, locale=locale)


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{20 + n % 80:02d}")
    iso_code = factory.LazyAttribute(lambda o: f"FI-{o.code}")
    nuts3_code = "FI1D7"
    name_fi = factory.Faker("city", locale="fi_FI")
    name_sv = factory.Faker("city", locale="sv_SE")
    name_en = factory.LazyAttribute(lambda o: o.name_fi)
    slug = factory.LazyAttribute(lambda o: f"region-{o.code}")
    centre_fi = factory.Faker("city", locale="fi_FI")
    council_name_fi = factory.LazyAttribute(lambda o: f"{o.name_fi}n liitto")
    council_name_sv = factory.LazyAttribute(lambda o: f"{o.name_sv} förbund")
    council_name_en = factory.LazyAttribute(lambda o: f"Regional Council of {o.name_en}")


class StrategyFactory(DjangoModelFactory):
    class Meta:
        model = Strategy

    name_fi = words("fi_FI")
    name_sv = words("sv_SE")
    name_en = words("en_US")
    slug = factory.Sequence(lambda n: f"strategy-{n}")
    first_year = 2019
    last_year = 2023


class PriorityFactory(DjangoModelFactory):
    class Meta:
        model = Priority

    strategy = factory.SubFactory(StrategyFactory)
    name_fi = words("fi_FI")
    name_sv = words("sv_SE")
    name_en = words("en_US")
    slug = factory.Sequence(lambda n: f"priority-{n}")


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name_fi = factory.Faker("company", locale="fi_FI")
    name_sv = factory.Faker("company", locale="sv_SE")
    name_en = factory.Faker("company", locale="en_US")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = "university"


class ServiceFactory(DjangoModelFactory):
    class Meta:
        model = Service

    name_fi = words("fi_FI", 1)
    name_sv = words("sv_SE", 1)
    name_en = words("en_US", 1)
    slug = factory.Sequence(lambda n: f"service-{n}")


class EntryFactory(DjangoModelFactory):
    name_fi = words("fi_FI")
    name_sv = words("sv_SE")
    name_en = words("en_US")
    summary_fi = factory.Faker("paragraph", locale="fi_FI")
    summary_sv = factory.Faker("paragraph", locale="sv_SE")
    summary_en = factory.Faker("paragraph", locale="en_US")
    region = factory.SubFactory(RegionFactory)
    status = Status.PUBLISHED


class PlatformFactory(EntryFactory):
    class Meta:
        model = InnovationPlatform

    slug = factory.Sequence(lambda n: f"platform-{n}")
    platform_type = PlatformType.LABORATORY
    latitude = "65.01236"
    longitude = "25.46816"


class ClusterFactory(EntryFactory):
    class Meta:
        model = Cluster

    slug = factory.Sequence(lambda n: f"cluster-{n}")


class EcosystemFactory(DjangoModelFactory):
    class Meta:
        model = IndustrialEcosystem

    name_fi = words("fi_FI", 1)
    name_en = words("en_US", 1)
    slug = factory.Sequence(lambda n: f"ecosystem-{n}")


class PilotFactory(DjangoModelFactory):
    class Meta:
        model = VanguardPilot

    name_en = words("en_US")
    name_fi = words("fi_FI")
    slug = factory.Sequence(lambda n: f"pilot-{n}")
