from base64 import b32encode
from xml.etree import ElementTree

import qrcode
import qrcode.image.svg
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib import admin, messages
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import ConfirmDeviceForm


def two_factor(request, admin_site):
    """Set up an authenticator app for the signed-in user, or show that one is set up.

    A new device stays unconfirmed, and does not take part in signing in, until the user has
    entered a code from it; reloading the page shows the same secret until then.
    """
    user = request.user
    context = {**admin_site.each_context(request), "title": _("Two-step verification")}
    device = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
    if device is not None:
        context["device"] = device
        return TemplateResponse(request, "accounts/two_factor.html", context)

    pending = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if pending is None:
        pending = TOTPDevice.objects.create(
            user=user, name=gettext("Authenticator app"), confirmed=False
        )
    form = ConfirmDeviceForm(request.POST or None, device=pending)
    if request.method == "POST" and form.is_valid():
        pending.confirmed = True
        pending.save(update_fields=["confirmed"])
        TOTPDevice.objects.devices_for_user(user, confirmed=False).delete()
        # This session has just shown a code from the device, so it counts as verified.
        otp_login(request, pending)
        messages.success(
            request,
            gettext(
                "Two-step verification is on. From now on, signing in asks for a code from "
                "your authenticator app."
            ),
        )
        return redirect(f"{admin_site.name}:index")
    context.update(
        form=form,
        qr_code=qr_code_svg(pending.config_url),
        secret=" ".join(chunks(b32encode(pending.bin_key).decode(), 4)),
        required=user.must_use_two_step,
    )
    return TemplateResponse(request, "accounts/two_factor.html", context)


def qr_code_svg(data):
    """`data` as a QR code in inline SVG, dark on white so that dark mode does not hide it.

    >>> qr_code_svg("otpauth://totp/x?secret=AB").startswith('<svg width="220"')
    True
    """
    image = qrcode.make(
        data, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=10, border=2
    )
    svg = image.get_image()
    svg.set("width", "220")
    svg.set("height", "220")
    svg.set("role", "img")
    svg.set("aria-label", gettext("QR code for the authenticator app"))
    return mark_safe(ElementTree.tostring(svg, encoding="unicode"))  # noqa: S308 (made here)


def chunks(text, size):
    """
    >>> list(chunks("ABCDEFGHIJ", 4))
    ['ABCD', 'EFGH', 'IJ']
    """
    return (text[start : start + size] for start in range(0, len(text), size))


def locked_out(request, original_response=None, credentials=None):
    """The page django-axes shows when a user name is blocked at this address (429)."""
    cool_off = get_cool_off(request)
    attempt_time = getattr(request, "axes_attempt_time", None) or timezone.now()
    context = {
        **admin.site.each_context(request),
        "title": _("Signing in is blocked for a while"),
        "username": get_client_username(request, credentials) or "",
        "failure_limit": get_failure_limit(request, credentials),
        "until": attempt_time + cool_off,
        "minutes": round(cool_off.total_seconds() / 60),
        "contact_email": settings.ELMO_ADMIN_CONTACT_EMAIL,
    }
    return render(request, "accounts/locked_out.html", context, status=429)
