"""The page an update invitation opens: the platform's current profile as a form, in the
language of the link. A used, expired or forged link gets a clear page, never an error."""

import math

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import get_language, ngettext
from django.views.decorators.http import require_http_methods

from elmo.ratelimit import client_address, over_limit
from platforms.models import InnovationPlatform
from signedlinks.links import Reading, State
from signedlinks.views import link_page, refused_page

from .forms import NewPlatformForm, UpdateForm
from .links import UPDATE
from .services import LinkUsed, invitation_of, platform_propose, proposal_submit


@link_page
@require_http_methods(["GET", "POST"])
def platform_update(request, token):
    reading = UPDATE.read(token=token)
    invitation = invitation_of(reading)
    if invitation is None and reading.state is not State.FORGED:
        reading = Reading(UPDATE, State.USED, reading.value)
    if not reading.valid or invitation is None:
        return refused_page(request, reading)
    platform = invitation.platform
    if request.method == "GET":
        form = UpdateForm(instance=platform, initial={"proposer_email": invitation.email})
        return _page(request, form, platform)
    form = UpdateForm(request.POST, instance=platform)
    if request.POST.get("website_check"):
        return redirect("platform-update-sent")
    if not form.is_valid():
        return _page(request, form, platform, status=400)
    data = form.cleaned_data
    wait = over_limit(f"proposal:{client_address(request)}", settings.ENQUIRY_RATE)
    if wait:
        return _too_many(request, form, platform, wait)
    try:
        with transaction.atomic():
            proposal_submit(
                invitation=invitation,
                reading=reading,
                values=form.proposed(),
                name=data["proposer_name"],
                email=data["proposer_email"],
                language=get_language(),
            )
    except LinkUsed:
        return refused_page(request, Reading(UPDATE, State.USED, reading.value))
    return redirect("platform-update-sent")


def _too_many(request, form, platform, wait):
    """The form with what was typed and when to send it: 429 with Retry-After."""
    minutes = math.ceil(wait / 60)
    form.add_error(
        None,
        ngettext(
            "Several proposals have been sent from here in a short time. Please send this "
            "one again in %(minutes)d minute; what you wrote is kept below.",
            "Several proposals have been sent from here in a short time. Please send this "
            "one again in %(minutes)d minutes; what you wrote is kept below.",
            minutes,
        )
        % {"minutes": minutes},
    )
    response = _page(request, form, platform, status=429)
    response["Retry-After"] = str(wait)
    return response


def _page(request, form, platform, *, status=200):
    template = "proposals/update_form.html" if platform else "proposals/new_form.html"
    return render(request, template, {"form": form, "platform": platform}, status=status)


@require_http_methods(["GET", "POST"])
def platform_new(request):
    """Anyone proposes a new platform: it arrives as a draft for the region's officers."""
    if request.method == "GET":
        return _page(request, NewPlatformForm(), None)
    form = NewPlatformForm(request.POST, instance=InnovationPlatform())
    if request.POST.get("website_check"):
        return redirect("platform-update-sent")
    if not form.is_valid():
        return _page(request, form, None, status=400)
    wait = over_limit(f"proposal:{client_address(request)}", settings.ENQUIRY_RATE)
    if wait:
        return _too_many(request, form, None, wait)
    data = form.cleaned_data
    platform_propose(
        platform=form.instance,
        values=form.proposed(),
        name=data["proposer_name"],
        email=data["proposer_email"],
        language=get_language(),
    )
    return redirect("platform-update-sent")


def platform_update_sent(request):
    return render(request, "proposals/sent.html")
