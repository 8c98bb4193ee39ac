"""Invitations and proposals: sending, answering, accepting and returning.

``proposal_accept`` writes through ``entries.services.entry_save``, the one write path: the
officer's rights, the model's validation, the history (with the proposal named as the reason),
the search document. E-mails go through the outbox in the transaction of what causes them.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts import roles
from clusters.models import Cluster
from elmo import i18n
from entries import history
from entries.models import Status
from entries.services import entry_check, entry_save
from outbox.services import email_enqueue
from platforms.models import RESERVED_SLUGS, InnovationPlatform
from signedlinks.links import Reading

from . import emails
from .links import UPDATE
from .models import (
    OFFER_COLUMNS,
    Decision,
    Invitation,
    Kind,
    Proposal,
    columns_for,
    offer_key,
    offer_of_key,
)


class LinkUsed(Exception):
    """The invitation's link was used meanwhile (two submissions at once: one wins)."""


def service_links(platform: InnovationPlatform) -> dict[str, Any]:
    """The platform's link rows to its services, by service slug."""
    return {row.service.slug: row for row in platform.platformservice_set.in_order()}


def offer_values(platform: InnovationPlatform) -> dict[str, Any]:
    """What the platform offers of each of its services, under ``offer_key``s."""
    return {
        offer_key(slug, column): getattr(row, column)
        for slug, row in service_links(platform).items()
        for column in OFFER_COLUMNS
    }


def values_of(platform: InnovationPlatform, columns: Iterable[str]) -> dict[str, Any]:
    """The stored values of ``columns`` (and ``offer_key``s) as JSON: ``{"trl_min": 4,
    "offer_fi": "…", "services.testing.offer_text_fi": "…"}``."""
    columns = list(columns)
    offers = offer_values(platform) if any(offer_of_key(c) for c in columns) else {}
    return {
        column: offers.get(column) if offer_of_key(column) else getattr(platform, column)
        for column in columns
    }


def _normal(value: Any) -> Any:
    return None if value in ("", None, []) else value


def changed_values(entry: Any, values: Mapping[str, Any]) -> dict[str, Any]:
    """Those of ``values`` (the columns a proposal of ``entry`` may change, ``columns_for``,
    and for a platform the ``offer_key``s of its services) that differ from the entry's."""
    stored = {column: getattr(entry, column) for column in columns_for(type(entry))}
    if isinstance(entry, InnovationPlatform):
        stored.update(offer_values(entry))
    return {
        column: value
        for column, value in values.items()
        if column in stored and _normal(value) != _normal(stored[column])
    }


def default_address(platform: InnovationPlatform) -> str:
    """Where an invitation goes unless the officer says: the platform's general address, or
    its contact's."""
    return platform.general_email or platform.contact_email


def invitation_language(platform: InnovationPlatform) -> str:
    """The language a platform is written to unless the officer chooses: Finnish, Swedish or
    English, in that order, if the platform serves in it; else Finnish.

    >>> invitation_language(InnovationPlatform(service_languages=["en", "sv"]))
    'sv'
    >>> invitation_language(InnovationPlatform(service_languages=["de"]))
    'fi'
    """
    spoken = [code for code in i18n.LANGUAGES if code in (platform.service_languages or [])]
    return spoken[0] if spoken else i18n.DEFAULT


def invitation_send(
    *, platform: InnovationPlatform, user: Any, language: str, email: str = ""
) -> Invitation:
    """Invite ``platform``'s contact (``email``, or ``default_address``) to update its profile:
    an e-mail in ``language`` with a link valid for 30 days. Raises ``roles.Refusal`` unless
    ``user`` may change the platform, ``ValidationError`` without an address."""
    if user is not None:
        roles.check_change(user, platform, region=None, creating=False)
    email = email or default_address(platform)
    if not email:
        raise ValidationError({"email": _("The platform has no e-mail address on record.")})
    with transaction.atomic():
        invitation = Invitation.objects.create(
            platform=platform, email=email, language=language, sent_by=user
        )
        link = UPDATE.link(value=str(invitation.uuid), language=language)
        subject, body = emails.invitation(invitation=invitation, link=link)
        email_enqueue(
            to=email,
            subject=subject,
            body=body,
            language=language,
            reference=f"invitation:{invitation.pk}",
        )
    return invitation


def invitation_of(reading: Reading) -> Invitation | None:
    """The invitation a link was made for (None if it is gone)."""
    if not reading.value:
        return None
    return Invitation.objects.select_related("platform").filter(uuid=reading.value).first()


def proposal_submit(
    *,
    invitation: Invitation,
    reading: Reading,
    values: Mapping[str, Any],
    name: str,
    email: str,
    language: str,
) -> Proposal:
    """Store what the platform proposes through ``invitation``'s link (``reading``), which is
    then used; only the columns of the form that changed are kept. Raises ``LinkUsed`` if the
    link was used meanwhile."""
    # As stored: the form's instance carries the proposed values.
    platform = InnovationPlatform.objects.get(pk=invitation.platform_id)
    changed = changed_values(platform, values)
    with transaction.atomic():
        if not UPDATE.use(reading):
            raise LinkUsed
        invitation.answered = timezone.now()
        invitation.save(update_fields=["answered"])
        return Proposal.objects.create(
            kind=Kind.UPDATE,
            platform=platform,
            region=platform.region,
            invitation=invitation,
            proposer_name=name,
            proposer_email=email,
            language=language,
            values=changed,
            before=values_of(platform, changed),
        )


def unique_slug(name: str) -> str:
    """A slug of ``name`` no entry has yet: ``arktinen-testikeskus``, ``…-2``."""
    base = slugify(name)[:70] or "platform"
    slug, n = base, 1
    while slug in RESERVED_SLUGS or InnovationPlatform.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def platform_propose(
    *, platform: InnovationPlatform, values: Mapping[str, Any], name: str, email: str, language: str
) -> Proposal:
    """A new platform proposed from the public site: saved as a draft (never published by
    itself) through the one write path, and a proposal for the officers of its region."""
    with transaction.atomic():
        platform.status = Status.DRAFT
        platform.slug = unique_slug(platform.name_fi or platform.name or "")
        entry_save(entry=platform)
        return Proposal.objects.create(
            kind=Kind.NEW,
            platform=platform,
            region=platform.region,
            proposer_name=name,
            proposer_email=email,
            language=language,
            values={column: value for column, value in values.items() if _normal(value)},
        )


def proposal_from_editor(
    *, entry: Any, values: Mapping[str, Any], user: Any, language: str
) -> Proposal | None:
    """An editor's change of a published platform or cluster, as a proposal for the officers
    (``roles.changes_need_review``); None when it changes nothing the review covers."""
    stored = type(entry)._default_manager.get(pk=entry.pk)
    changed = changed_values(stored, values)
    if not changed:
        return None
    own = {"cluster": stored} if isinstance(stored, Cluster) else {"platform": stored}
    return Proposal.objects.create(
        kind=Kind.EDITOR,
        **own,
        region=stored.region,
        proposed_by=user,
        proposer_name=user.get_full_name() or user.get_username(),
        proposer_email=user.email,
        language=language,
        values=changed,
        before=values_of(stored, changed),
    )


def proposal_accept(*, proposal: Proposal, columns: Iterable[str], user: Any) -> Any:
    """Accept ``columns`` (all or some of the proposed ones) into the entry, as ``user``,
    through the one write path; the review date becomes today, the proposal is decided and its
    proposer thanked. Raises ``roles.Refusal`` or ``ValidationError``, and then changes
    nothing."""
    if proposal.decision != Decision.PENDING:
        raise ValidationError(_("This proposal has already been decided."))
    columns = [column for column in proposal.values if column in set(columns)]
    if not columns:
        raise ValidationError(_("Choose at least one proposed value to accept."))
    if proposal.entry is None:
        raise ValidationError(_("The entry of this proposal has been deleted."))
    with transaction.atomic():
        model = type(proposal.entry)
        entry = model._default_manager.select_for_update().get(pk=proposal.entry.pk)
        for column in columns:
            if not offer_of_key(column):
                setattr(entry, column, proposal.values[column])
        entry.last_reviewed = timezone.localdate()
        entry_save(
            entry=entry,
            links=_accepted_offers(entry, {c: proposal.values[c] for c in columns}),
            user=user,
            reason=history.proposal_reason(proposal.pk),
        )
        proposal.decision = (
            Decision.ACCEPTED if len(columns) == len(proposal.values) else Decision.PARTLY
        )
        proposal.accepted = columns
        proposal.decided = timezone.now()
        proposal.decided_by = user
        proposal.save()
        _tell(proposal, emails.thanks)
    return entry


def _accepted_offers(platform: Any, accepted: Mapping[str, Any]) -> dict:
    """The platform's services with the accepted offers, as ``entry_save`` takes links; none
    when no offer is accepted. An offer for a service the platform no longer has is refused."""
    offers = {key: value for key, value in accepted.items() if offer_of_key(key)}
    if not offers:
        return {}
    rows = service_links(platform)
    services: dict[Any, dict[str, Any]] = {row.service: {} for row in rows.values()}
    for key, value in offers.items():
        slug, column = offer_of_key(key)  # type: ignore[misc]
        if slug not in rows:
            raise ValidationError(
                _("The platform no longer offers the service “%(slug)s”.") % {"slug": slug}
            )
        services[rows[slug].service][column] = value
    return {"services": services}


def proposal_return(*, proposal: Proposal, comment: str, user: Any) -> Proposal:
    """Return ``proposal`` unaccepted, with ``comment`` to its proposer by e-mail."""
    if proposal.decision != Decision.PENDING:
        raise ValidationError(_("This proposal has already been decided."))
    if not comment.strip():
        raise ValidationError({"comment": _("Say to the proposer why it is returned.")})
    entry_check(user=user, stored=proposal.entry, region=None, status=None)
    with transaction.atomic():
        proposal.decision = Decision.RETURNED
        proposal.comment = comment.strip()
        proposal.decided = timezone.now()
        proposal.decided_by = user
        proposal.save()
        _tell(proposal, emails.returned)
    return proposal


def _tell(proposal: Proposal, message) -> None:
    if not proposal.proposer_email:
        return
    subject, body = message(proposal=proposal)
    email_enqueue(
        to=proposal.proposer_email,
        subject=subject,
        body=body,
        language=proposal.language,
        reference=f"proposal:{proposal.pk}",
    )
