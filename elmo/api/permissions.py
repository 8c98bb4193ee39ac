from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissions


class StaffWritesOrReadOnly(DjangoModelPermissions):
    """Anyone reads; writing needs a staff user with the model's add/change permission,
    the same rights the admin asks for. Anonymous writes get 401, others 403."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS or request.method.lower() not in view.http_method_names:
            return True  # reading, or a method the endpoint answers with 405 anyway
        user = request.user
        if not (user and user.is_authenticated and user.is_staff):
            return False
        # A signed-in session of someone who must use two-step verification counts only once
        # the code was given, as in the admin; tokens are separate credentials.
        by_session = isinstance(request.successful_authenticator, SessionAuthentication)
        if by_session and user.must_use_two_step and not user.is_verified():
            return False
        return super().has_permission(request, view)
