"""Who may change what: the one place the admin, the API and the spreadsheet import ask.

Roles are groups, created by a migration:

- **Coordinator** (and superusers): every region; the only role that deletes.
- **Regional officer**: changes, publishes and archives the platforms, clusters and
  organisations whose primary region is one of theirs (``User.regions``).
- **Platform editor**: changes only the platforms and clusters assigned to them
  (``editors`` of the entry) and submits them for review; never publishes or archives.

Every staff user sees every entry in the admin; these rules decide what they may change.
``may_change(user, entry)`` answers for one object, ``changeable(queryset, user)`` narrows a
queryset (bulk actions, imports), ``check_change(user, entry, region=…)`` raises ``Refusal`` (a
``PermissionDenied``) with a message that names the problem. Which statuses only officers may
set is the workflow's rule (``entries.workflow``), which asks ``may_publish_in`` here.

Accounts: ``may_manage_account(user, other)`` and ``grantable_groups(user)`` keep anyone from
gaining rights through another account — only a superuser changes a superuser.
"""

from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

from priorities.models import Region

Q_ = TypeVar("Q_", bound=QuerySet[Any])


class Refusal(PermissionDenied):
    """A refused change; ``field`` names the form field it concerns, if one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


COORDINATOR = "Coordinator"
OFFICER = "Regional officer"
EDITOR = "Platform editor"
ROLES = (COORDINATOR, OFFICER, EDITOR)


def _groups(user: Any) -> set[str]:
    if not hasattr(user, "_elmo_groups"):
        user._elmo_groups = set(user.groups.values_list("name", flat=True))
    return user._elmo_groups


def is_coordinator(user: Any) -> bool:
    return bool(user.is_active and (user.is_superuser or COORDINATOR in _groups(user)))


def is_officer(user: Any) -> bool:
    return bool(user.is_active and OFFICER in _groups(user))


def is_editor(user: Any) -> bool:
    return bool(user.is_active and EDITOR in _groups(user))


def region_ids(user: Any) -> set[int]:
    """The primary keys of the regions an officer works for (empty for other roles)."""
    if not hasattr(user, "_elmo_region_ids"):
        user._elmo_region_ids = (
            set(user.regions.values_list("pk", flat=True)) if is_officer(user) else set()
        )
    return user._elmo_region_ids


def _edits(user: Any, obj: Model) -> bool:
    editors = getattr(obj, "editors", None)
    return bool(
        editors is not None and obj.pk and is_editor(user) and editors.filter(pk=user.pk).exists()
    )


def may_change(user: Any, obj: Model) -> bool:
    """Whether ``user`` may change ``obj`` (a platform, cluster or organisation) as it is now."""
    if is_coordinator(user):
        return True
    if getattr(obj, "region_id", None) in region_ids(user):
        return True
    return _edits(user, obj)


def may_publish_in(user: Any, region: Region | None) -> bool:
    """Whether ``user`` may publish and archive entries of ``region``: the coordinator, and
    officers of that region."""
    return is_coordinator(user) or (region is not None and region.pk in region_ids(user))


def may_publish(user: Any, obj: Model) -> bool:
    """Whether ``user`` may publish or archive ``obj``: coordinators, and officers in its region."""
    return is_coordinator(user) or getattr(obj, "region_id", None) in region_ids(user)


def changes_need_review(user: Any, obj: Model | None) -> bool:
    """Whether ``user``'s change of ``obj`` (as stored) waits for an officer's review instead of
    being saved: a platform editor's change of a published entry, which is not in one of their
    own regions. The admin makes it a proposed change (``proposals``); the other write paths
    refuse it (``entries.services.entry_check``)."""
    if obj is None or getattr(obj, "status", None) != "published":
        return False
    return not may_publish(user, obj)


def may_review(user: Any) -> bool:
    """Whether ``user`` reviews proposed changes and sends update invitations: the coordinator
    and regional officers (each in their regions)."""
    return is_coordinator(user) or bool(region_ids(user))


def may_delete(user: Any) -> bool:
    return is_coordinator(user)


def may_create(user: Any) -> bool:
    return is_coordinator(user) or bool(region_ids(user))


def changeable(queryset: Q_, user: Any) -> Q_:
    """The part of ``queryset`` that ``user`` may change."""
    if is_coordinator(user):
        return queryset
    condition = Q(region__in=region_ids(user))
    if is_editor(user) and hasattr(queryset.model, "editors"):
        condition |= Q(editors=user)
    return queryset.filter(condition).distinct()


def publishable(queryset: Q_, user: Any) -> Q_:
    """The part of ``queryset`` that ``user`` may publish or archive."""
    if is_coordinator(user):
        return queryset
    return queryset.filter(region__in=region_ids(user))


def check_change(
    user: Any, obj: Model | None, *, region: Region | None = None, creating: bool = False
) -> None:
    """Raise ``Refusal`` unless ``user`` may save ``obj`` in ``region``.

    ``obj`` is the entry as stored (ignored when ``creating``); ``region`` is the primary region
    being saved (None: the one it has).
    """
    if creating:
        if not may_create(user):
            raise Refusal(_("Only the coordinator and regional officers add entries."))
    elif obj is None or not may_change(user, obj):
        raise Refusal(_("You may change only entries of your own regions or assigned to you."))
    target = region if region is not None else getattr(obj, "region", None)
    stays = not creating and target is not None and target.pk == getattr(obj, "region_id", None)
    if target is not None and not (stays or may_publish_in(user, target)):
        if creating:
            message = _("You may not add an entry in %(region)s: it is not one of your regions.")
        else:
            message = _("You may not move an entry to %(region)s: it is not one of your regions.")
        raise Refusal(message % {"region": target.name}, field="region")


def _permission_ids(user: Any) -> set[int]:
    """The permissions ``user`` holds directly or through groups, active or not."""
    return set(
        Permission.objects.filter(Q(user=user) | Q(group__user=user)).values_list("pk", flat=True)
    )


def may_manage_account(user: Any, other: Any) -> bool:
    """Whether ``user`` may change ``other``'s account, password included.

    Superusers change anyone; others only accounts that are not superusers and hold no right
    ``user`` lacks — whoever sets a password can sign in as that account.
    """
    if user.is_superuser:
        return True
    if other.is_superuser:
        return False
    return _permission_ids(other) <= _permission_ids(user)


def grantable_groups(user: Any) -> QuerySet[Group]:
    """The groups ``user`` may give: those holding no permission ``user`` lacks."""
    if user.is_superuser:
        return Group.objects.all()
    lacking = Permission.objects.exclude(pk__in=_permission_ids(user))
    return Group.objects.exclude(permissions__in=lacking)


def officers_of(region: Region | int) -> QuerySet[Any]:
    """The active regional officers of ``region`` (a Region or its id), e.g. those who forward
    an enquiry for an entry of the region that has no contact on record."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=OFFICER, regions=region)
        .distinct()
    )


def coordinators() -> QuerySet[Any]:
    """The active coordinators: the Coordinator group and superusers."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=COORDINATOR))
        .distinct()
    )
