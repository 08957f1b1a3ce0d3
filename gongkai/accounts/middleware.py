"""The second factor, once a staff member has set one up, guards every staff page."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django_otp import user_has_device

STAFF_PREFIXES = ("/backoffice/", "/operator/")
# Pages a half-logged-in person may still open: giving the code, logging out.
OPEN_NAMES = ("backoffice:two_factor_verify", "backoffice:logout", "backoffice:login")


class SecondFactorMiddleware:
    """After the password, a user with a confirmed TOTP device (django-otp) is sent to give
    a code before any back-office or admin page; ``request.user.is_verified()`` says whether
    they did in this session (django_otp.middleware.OTPMiddleware sets it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and _is_staff_path(request.path_info)
            and not user.is_verified()  # type: ignore[union-attr,attr-defined]
            and request.path_info not in {reverse(name) for name in OPEN_NAMES}
            and user_has_device(user, confirmed=True)
        ):
            verify = reverse("backoffice:two_factor_verify")
            return HttpResponseRedirect(f"{verify}?next={quote(request.get_full_path())}")
        return self.get_response(request)


def _is_staff_path(path: str) -> bool:
    if path.startswith("/en/"):
        path = path[3:]
    return path.startswith(STAFF_PREFIXES)
