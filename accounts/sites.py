"""The registry's admin site, which `admin.site` is (see accounts.apps.ElmoAdminConfig)."""

from functools import wraps

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import path
from django_otp import user_has_device

from . import views
from .forms import AdminLoginForm


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
    # Open to a user who still has to set up an authenticator app.
    open_before_enrolment = ("two_factor", "logout", "i18n_javascript")

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

    def index(self, request, extra_context=None):
        """The front page: the dashboard (elmo.dashboard) above the list of models."""
        from elmo.dashboard import dashboard

        return super().index(request, {**(extra_context or {}), "dashboard": dashboard()})

    def two_factor(self, request):
        return views.two_factor(request, self)
