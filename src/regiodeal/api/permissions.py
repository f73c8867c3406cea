from rest_framework import permissions

from regiodeal.core.permissions import may_edit_decisions


class ReadOnlyOrOffice(permissions.BasePermission):
    """Everyone reads; only the programme office writes (with a token)."""

    message = ""

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        if not (request.user and request.user.is_authenticated):
            return False
        allowed = may_edit_decisions(request.user)
        self.message = allowed.reason
        return bool(allowed)
