from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import FeedbackForm


@require_POST
def send_feedback(request):
    """Store a feedback message; on errors show the form again with what was typed."""
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "pages/accessibility.html",
            {"feedback_form": form, "page": "accessibility"},
            status=400,
        )
    feedback = form.save(commit=False)
    feedback.language = get_language()
    feedback.page = request.headers.get("referer", "")[:300]
    feedback.save()
    messages.success(request, _("Thank you. Your message was sent to the registry's maintainers."))
    return redirect(reverse("accessibility") + "#feedback")
