"""Accounts, groups (the roles), login devices and failed logins are the administrator's.

Their admin classes come from Django, django-otp and django-axes; they are registered again here
with the role rules. The admin imports each app's admin module in INSTALLED_APPS order, and core
comes after those apps, so their classes are registered by now.
"""

from collections.abc import Sequence

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from regiodeal.programmes.models import ProgrammeMembership

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


class ProgrammeMembershipInline(admin.TabularInline):
    """The programmes an office account works on; an account without any works on all."""

    model = ProgrammeMembership
    extra = 0
    fields = ["programme"]
    verbose_name_plural = _("programmes (none: all programmes, the national office)")


# Inlines an account page gets besides its own, by model label.
EXTRA_INLINES: dict[str, Sequence[type]] = {"auth.user": [ProgrammeMembershipInline]}


def with_account_rules(original: type, extra_inlines: Sequence[type] = ()) -> type:
    """The class (or inline) with the role rules; a refusal of the class's own stays one
    (django-axes: no login record is added by hand)."""
    attrs = {"permission_rules": ACCOUNT_RULES, "__module__": __name__}
    for name in PERMISSION_METHODS:
        if name in vars(original):
            attrs[name] = _both(vars(original)[name], getattr(RolePermissionMixin, name))
    inlines = [*(getattr(original, "inlines", None) or []), *extra_inlines]
    if inlines:
        attrs["inlines"] = [with_account_rules(inline) for inline in inlines]
    return type(original.__name__, (RolePermissionMixin, original), attrs)


for _model in [m for m in admin.site._registry if m._meta.app_label in ACCOUNT_APPS]:
    _guarded = with_account_rules(
        type(admin.site._registry[_model]), EXTRA_INLINES.get(_model._meta.label_lower, ())
    )
    admin.site.unregister(_model)
    admin.site.register(_model, _guarded)
