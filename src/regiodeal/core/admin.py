"""Accounts, groups (the roles), login devices and failed logins are the administrator's.

Their admin classes come from Django, django-otp and django-axes; they are registered again here
with the role rules. The admin imports each app's admin module in INSTALLED_APPS order, and core
comes after those apps, so their classes are registered by now.
"""

from django.contrib import admin

from .admin_utils import ACCOUNT_RULES, RolePermissionMixin

ACCOUNT_APPS = {"auth", "axes", "otp_totp", "otp_static"}
PERMISSION_METHODS = (
    "has_view_permission",
    "has_add_permission",
    "has_change_permission",
    "has_delete_permission",
)


def _both(own, by_role):
    def method(self, request, *args, **kwargs) -> bool:
        return by_role(self, request, *args, **kwargs) and own(self, request, *args, **kwargs)

    return method


def with_account_rules(original: type) -> type:
    """The class (or inline) with the role rules; a refusal of the class's own stays one
    (django-axes: no login record is added by hand)."""
    attrs = {"permission_rules": ACCOUNT_RULES, "__module__": __name__}
    for name in PERMISSION_METHODS:
        if name in vars(original):
            attrs[name] = _both(vars(original)[name], getattr(RolePermissionMixin, name))
    if getattr(original, "inlines", None):
        attrs["inlines"] = [with_account_rules(inline) for inline in original.inlines]
    return type(original.__name__, (RolePermissionMixin, original), attrs)


for _model in [m for m in admin.site._registry if m._meta.app_label in ACCOUNT_APPS]:
    _guarded = with_account_rules(type(admin.site._registry[_model]))
    admin.site.unregister(_model)
    admin.site.register(_model, _guarded)
