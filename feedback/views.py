import math

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from elmo.ratelimit import client_address, over_limit

from .forms import FeedbackForm


@require_POST
def send_feedback(request):
    """Store a feedback message; on errors show the form again with what was typed.

    Each client address may send ``FEEDBACK_RATE`` messages (counted in the shared cache, so on
    every server); past that the form comes back with a 429 that says when to try again.
    """
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return form_again(request, form, status=400)
    wait = over_limit(f"feedback:{client_address(request)}", settings.FEEDBACK_RATE)
    if wait:
        return too_many(request, form, wait)
    feedback = form.save(commit=False)
    feedback.language = get_language()
    feedback.page = request.headers.get("referer", "")[:300]
    feedback.save()
    messages.success(request, _("Thank you. Your message was sent to the registry's maintainers."))
    return redirect(reverse("accessibility") + "#feedback")


def form_again(request, form, *, status):
    return render(
        request,
        "pages/accessibility.html",
        {"feedback_form": form, "page": "accessibility"},
        status=status,
    )


def too_many(request, form, wait):
    """The form with what was typed and why it was not sent: 429 with Retry-After."""
    minutes = math.ceil(wait / 60)
    form.add_error(
        None,
        ngettext(
            "You have sent several messages in a short time. Please send this one again in "
            "%(minutes)d minute; what you wrote is kept in the form below.",
            "You have sent several messages in a short time. Please send this one again in "
            "%(minutes)d minutes; what you wrote is kept in the form below.",
            minutes,
        )
        % {"minutes": minutes},
    )
    response = form_again(request, form, status=429)
    response["Retry-After"] = str(wait)
    return response
