"""The registry's admin site, which `admin.site` is (see accounts.apps.ElmoAdminConfig)."""

from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db.models.constants import LOOKUP_SEP
from django.shortcuts import redirect
from django.urls import path
from django_otp import user_has_device

from . import views
from .forms import AdminLoginForm

# Fields that hold credentials, by model label. No admin list filters by them: a filter answers
# "some" or "none", which reads a token, key or hash prefix by prefix (Django itself refuses only
# the user admin's own ``password``).
SECRET_FIELDS = {
    settings.AUTH_USER_MODEL.lower(): {"password"},
    "authtoken.token": {"key"},
    "otp_totp.totpdevice": {"key"},
    "sessions.session": {"session_key", "session_data"},
    "axes.accessattempt": {"get_data", "post_data"},
    "axes.accesslog": {"session_hash"},
}


def _is_secret(field):
    model = field.model._meta.concrete_model
    return field.concrete and field.name in SECRET_FIELDS.get(model._meta.label_lower, ())


def reaches_secret(model, lookup):
    """Whether the filter ``lookup`` on ``model`` compares a secret field's value.

    >>> from accounts.models import User
    >>> reaches_secret(User, "auth_token__key__regex"), reaches_secret(User, "auth_token__lt")
    (True, True)
    >>> reaches_secret(User, "groups__name"), reaches_secret(User, "username__startswith")
    (False, False)
    """
    relation = None
    for part in lookup.split(LOOKUP_SEP):
        try:
            field = model._meta.pk if part == "pk" else model._meta.get_field(part)
        except FieldDoesNotExist:
            break  # the rest are lookups and transforms
        if _is_secret(field):
            return True
        if field.related_model is None:
            return False
        relation, model = field, field.related_model
    # A lookup on the relation itself compares the related row's key (``auth_token__lt=…``).
    return relation is not None and _is_secret(relation.target_field)


class SecretFieldsUnfiltered:
    """Mixed into every registered model admin by ``ElmoAdminSite.register``."""

    def lookup_allowed(self, lookup, value, request=None):
        if reaches_secret(self.model, lookup):
            return False  # Django answers 400, whatever the value
        return super().lookup_allowed(lookup, value, request)


def has_authenticator(user):
    """Whether the user has a confirmed authenticator app; asked once per request."""
    if not hasattr(user, "_elmo_has_authenticator"):
        user._elmo_has_authenticator = user_has_device(user, confirmed=True)
    return user._elmo_has_authenticator


def must_enrol(user):
    return user.must_use_two_step and not has_authenticator(user)


class ElmoAdminSite(admin.AdminSite):
    """The admin with optional two-step verification (an authenticator app, TOTP).

    - A user with an authenticator app signs in with password and code (AdminLoginForm), and a
      session not verified by a code does not open the admin.
    - A user without one signs in with the password alone; if the coordinator or
      ELMO_REQUIRE_2FA_FOR_STAFF requires two-step verification, every admin page then leads to
      setting up the app, until it is done.
    """

    login_form = AdminLoginForm
    login_template = "accounts/login.html"
    # The app list beside every page would take a quarter of a 1280 px screen from the lists'
    # columns (status, last updated, last reviewed); the breadcrumbs and the front page lead on.
    enable_nav_sidebar = False
    # Open to a user who still has to set up an authenticator app.
    open_before_enrolment = ("two_factor", "logout", "i18n_javascript")

    def register(self, model_or_iterable, admin_class=None, **options):
        """Register as Django does; every admin, the libraries' too, refuses filters on secrets."""
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, SecretFieldsUnfiltered):
            admin_class = type(
                admin_class.__name__,
                (SecretFieldsUnfiltered, admin_class),
                {"__module__": admin_class.__module__, "__qualname__": admin_class.__qualname__},
            )
        super().register(model_or_iterable, admin_class, **options)

    def has_permission(self, request):
        user = request.user
        if not super().has_permission(request):
            return False
        is_verified = getattr(user, "is_verified", None)
        return bool(is_verified and is_verified()) or not has_authenticator(user)

    def admin_view(self, view, cacheable=False):
        if getattr(view, "__self__", None) is self and view.__name__ in self.open_before_enrolment:
            return super().admin_view(view, cacheable)

        @wraps(view)
        def enrolled_only(request, *args, **kwargs):
            if must_enrol(request.user):
                return redirect(f"{self.name}:two_factor")
            return view(request, *args, **kwargs)

        return super().admin_view(enrolled_only, cacheable)

    def get_urls(self):
        return [
            path("two-factor/", self.admin_view(self.two_factor), name="two_factor"),
            *super().get_urls(),
        ]

    def two_factor(self, request):
        return views.two_factor(request, self)
