from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

CODE_ERRORS = {
    "code_missing": _("Enter the six-digit code that your authenticator app shows."),
    "code_wrong": _(
        "The code is wrong or has expired. Enter the code your authenticator app shows now."
    ),
    "code_throttled": _(
        "Too many wrong codes in a row. Wait a minute, then enter the code your authenticator "
        "app shows."
    ),
}


def check_code(device, code):
    """The error key (of CODE_ERRORS) if `code` is not a valid code of `device` now, else None.

    A wrong code makes django-otp wait longer before the device accepts the next try.
    """
    code = "".join((code or "").split())
    if not code:
        return "code_missing"
    with transaction.atomic():
        # Locked, so that the same code cannot be used twice by two requests at once.
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            return "code_throttled"
        if not device.verify_token(code):
            return "code_wrong"
    return None


def code_field(**kwargs):
    return forms.CharField(
        label=_("Verification code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
        **kwargs,
    )


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's sign-in: user name and password, plus the code of a set-up authenticator app.

    A user without an authenticator app leaves the code empty.
    """

    otp_token = code_field(
        required=False,
        help_text=_(
            "Only if you have set up two-step verification: the six digits your authenticator "
            "app shows."
        ),
    )

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        # Django sets the user name's max_length on the built field, where nothing checks it: a
        # longer name went on to a failed sign-in that django-axes could not record (its column
        # holds 255 characters), a server error. No such user exists, so it is a form error.
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))

    def clean(self):
        cleaned_data = super().clean()  # the password, and that the user is active staff
        user = self.get_user()
        device = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
        if device is not None:
            error = check_code(device, cleaned_data.get("otp_token"))
            if error:
                if error != "code_missing":
                    # A refused code counts as a failed sign-in for the lockout (django-axes).
                    user_login_failed.send(
                        sender=__name__,
                        credentials={"username": user.get_username()},
                        request=self.request,
                    )
                raise forms.ValidationError(CODE_ERRORS[error], code=error)
            # django_otp marks the session verified when it sees this at login().
            user.otp_device = device
        return cleaned_data


class ConfirmDeviceForm(forms.Form):
    """The first code from a newly set-up authenticator app, which switches the device on."""

    otp_token = code_field()

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self):
        code = self.cleaned_data["otp_token"]
        error = check_code(self.device, code)
        if error:
            raise forms.ValidationError(CODE_ERRORS[error], code=error)
        return code
