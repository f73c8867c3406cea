"""The back office's admin site: a second factor for every account that has set one up.

Two-factor login is optional per account (the issue asks it for office roles; the administrator
enrols an account's TOTP app under "TOTP devices"); an account with a device must give its
token, and a session that logged in without one cannot reach the back office while the account
has a device.

Only accounts with a back-office role get in at all (``permissions.may_use_back_office``); an
account without one sees the login page again, which says it is not authorised.
"""

from django.contrib import admin
from django.http import HttpRequest
from django_otp import user_has_device
from django_otp.admin import OTPAdminAuthenticationForm

from .permissions import may_use_back_office


class OptionalOTPAuthenticationForm(OTPAdminAuthenticationForm):
    def clean_otp(self, user) -> None:
        if user is not None and not user_has_device(user):
            return  # no second factor configured for this account
        super().clean_otp(user)


class RegiodealAdminSite(admin.AdminSite):
    login_form = OptionalOTPAuthenticationForm
    login_template = "otp/admin111/login.html"

    def has_permission(self, request: HttpRequest) -> bool:
        if not super().has_permission(request) or not may_use_back_office(request.user):
            return False
        user = request.user
        return user.is_verified() or not user_has_device(user)
