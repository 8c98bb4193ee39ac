"""Deleting one piece of content never deletes another: every foreign key that points at a
content model, from any model of any app, protects its target, except the few listed here.

A new foreign key with CASCADE or SET_NULL fails this test until it is listed with a reason, or
changed to PROTECT.
"""

from django.apps import apps
from django.conf import settings
from django.db import models

CONTENT_APPS = {"priorities", "platforms", "clusters", "feedback"}
PROTECTING = {models.PROTECT, models.RESTRICT}

# (model, foreign key): why deleting its target may delete the row holding the key.
MAY_CASCADE = {
    # A link table's row belongs to the entry it links from: deleting the entry removes its own
    # links, and the linked organisation, region, priority… stays (its side is PROTECT).
    ("platforms.PlatformHost", "platform"): "a platform's own link to a host",
    ("platforms.PlatformRegion", "platform"): "a platform's own link to a region it serves",
    ("platforms.PlatformPriority", "platform"): "a platform's own link to a priority",
    ("platforms.PlatformService", "platform"): "a platform's own link to a service",
    ("clusters.ClusterPartner", "cluster"): "a cluster's own link to a partner",
    ("clusters.ClusterMember", "cluster"): "a cluster's own link to a member platform",
    ("clusters.ClusterRegion", "cluster"): "a cluster's own link to a region",
    ("clusters.ClusterPriority", "cluster"): "a cluster's own link to a priority",
    ("clusters.ClusterEcosystem", "cluster"): "a cluster's own link to an ecosystem",
    ("clusters.ClusterPilot", "cluster"): "a cluster's own link to a Vanguard pilot",
    ("clusters.PilotPlatform", "pilot"): "a pilot's own link to a platform taking part",
    # An update invitation and a proposed change are about one platform and go with it.
    ("proposals.Invitation", "platform"): "an update invitation sent to the platform",
    ("proposals.Proposal", "platform"): "a change proposed to the platform",
    ("proposals.Proposal", "cluster"): "a change proposed to the cluster",
    # Links between content and users are no content.
    ("platforms.InnovationPlatform_editors", "innovationplatform"): "who may edit the platform",
    ("clusters.Cluster_editors", "cluster"): "who may edit the cluster",
    # An officer's assignment to a region. A region cannot be deleted while an entry, an
    # organisation or a priority uses it; one that nothing uses takes its officers' assignment
    # with it (the automatic link table of User.regions).
    ("accounts.User_regions", "region"): "an officer's assignment to a region",
}


def foreign_keys():
    """``{(model label, field name): (on_delete, target label)}`` for every foreign key of every
    model, the automatic link tables of many-to-many fields included."""
    return {
        (model._meta.label, f.name): (f.remote_field.on_delete, f.related_model._meta.label)
        for model in apps.get_models(include_auto_created=True)
        # The change history's records refer to entries without constraints and are never
        # what a deletion removes; their own link records follow their record.
        if not model.__name__.startswith("Historical")
        for f in model._meta.concrete_fields
        if f.many_to_one or f.one_to_one
    }


def is_content(label):
    return label.split(".")[0] in CONTENT_APPS


def test_foreign_keys_to_content_protect_it_but_for_the_listed_links():
    keys = foreign_keys()
    to_content = {key: on_delete for key, (on_delete, target) in keys.items() if is_content(target)}

    cascading = {key for key, on_delete in to_content.items() if on_delete is models.CASCADE}
    unprotected = {
        key: on_delete.__name__
        for key, on_delete in to_content.items()
        if on_delete not in PROTECTING and key not in MAY_CASCADE
    }
    assert unprotected == {}
    assert cascading == set(MAY_CASCADE)  # the list says what is there, nothing more


def test_content_refers_to_nothing_but_content_and_users():
    """What a content row points at outside the content apps: only users (editors), whose
    deletion removes their assignments, never an entry."""
    outside = {
        target
        for (model, _name), (_on_delete, target) in foreign_keys().items()
        if is_content(model) and not is_content(target)
    }
    assert outside == {settings.AUTH_USER_MODEL}
