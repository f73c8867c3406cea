"""Public accounts for applicants: register, log in and out, without ever seeing the back office.

Logging in goes through Django's LoginView, which hands the request to ``authenticate``, so
django-axes counts failed attempts here as it does on the back office's login page.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import LoginView, LogoutView
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .applicant import register_applicant
from .forms import ApplicantLoginForm, RegistrationForm, add_service_errors

AFTER_LOGIN = "calls:my_applications"
# The account was created a moment ago with this password; it needs no second check (and the
# lockout backend has nothing to count).
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else ""


def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(AFTER_LOGIN)
    form = RegistrationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user = register_applicant(
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            login(request, user, backend=BACKEND)
            messages.success(request, _("Your account has been created; you are logged in."))
            return redirect(_next(request) or AFTER_LOGIN)
    return render(request, "calls/account/register.html", {"form": form, "next": _next(request)})


class ApplicantLoginView(LoginView):
    template_name = "calls/account/login.html"
    authentication_form = ApplicantLoginForm
    redirect_authenticated_user = True
    next_page = AFTER_LOGIN


class ApplicantLogoutView(LogoutView):
    next_page = "calls:calls"
