"""No text of the registry's content holds a control character, whichever way it is written:
the models' own validation, which the admin, the import, the loaders and the API run, refuses
it in every text field."""

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from clusters.models import Cluster, IndustrialEcosystem, VanguardPilot
from platforms.models import InnovationPlatform, Organisation, Service
from priorities.models import Priority, Region, Strategy

pytestmark = pytest.mark.django_db

CONTENT = [
    Region,
    Strategy,
    Priority,
    Organisation,
    Service,
    IndustrialEcosystem,
    VanguardPilot,
    InnovationPlatform,
    Cluster,
]


def test_the_reason_is_the_control_character():
    organisation = Organisation.objects.order_by("pk").first()
    organisation.name_fi = "Lumi\x0e"
    with pytest.raises(ValidationError) as raised:
        organisation.clean_fields()
    assert [e.code for e in raised.value.error_dict["name_fi"]] == ["control_character"]


@pytest.mark.parametrize("model", CONTENT, ids=lambda m: m.__name__)
def test_every_text_field_refuses_control_characters(model):
    instance = model.objects.order_by("pk").first()
    texts = [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and not f.choices
    ]
    assert texts
    for field in texts:
        original = getattr(instance, field.attname)
        setattr(instance, field.attname, f"{original or 'x'}\x0e")
        with pytest.raises(ValidationError) as raised:
            instance.clean_fields()
        assert field.name in raised.value.error_dict, field.name
        setattr(instance, field.attname, original)
