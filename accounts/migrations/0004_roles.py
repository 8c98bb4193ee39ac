from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW = "view"
REGISTRY = {
    "platforms": ["innovationplatform", "organisation", "service"],
    "clusters": ["cluster", "industrialecosystem", "vanguardpilot"],
    "priorities": ["region", "strategy", "priority"],
}
# (group, {(app, model): actions}); every role views every registry model.
ROLES = {
    "Coordinator": {
        "*": ["add", "change", "delete", "view"],
        ("accounts", "user"): ["add", "change", "view"],
        ("feedback", "feedback"): ["change", "delete", "view"],
    },
    "Regional officer": {
        ("platforms", "innovationplatform"): ["add", "change"],
        ("platforms", "organisation"): ["add", "change"],
        ("clusters", "cluster"): ["add", "change"],
    },
    "Platform editor": {
        ("platforms", "innovationplatform"): ["change"],
        ("clusters", "cluster"): ["change"],
    },
}


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    grant_roles(apps)


def grant_roles(apps):
    """The groups with their permissions (also for tests whose tables were emptied)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def codenames(app, model, actions):
        return Permission.objects.filter(
            content_type__app_label=app,
            codename__in=[f"{action}_{model}" for action in actions],
        )

    for name, rights in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = set()
        for app, models in REGISTRY.items():
            for model in models:
                actions = rights.get("*", []) + rights.get((app, model), [VIEW])
                permissions |= set(codenames(app, model, actions + [VIEW]))
        for key, actions in rights.items():
            if key != "*" and key[0] not in REGISTRY:
                permissions |= set(codenames(*key, actions))
        group.permissions.add(*permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLES)).delete()


class Migration(migrations.Migration):
    """The coordinator, regional officer and platform editor groups with their permissions."""

    dependencies = [
        ("accounts", "0003_officer_regions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("platforms", "0006_workflow_review_and_editors"),
        ("clusters", "0006_workflow_review_and_editors"),
        ("priorities", "0001_initial"),
        ("feedback", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
