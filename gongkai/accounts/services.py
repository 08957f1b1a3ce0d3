"""Writes to organizations and memberships, each audited."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts.models import (
    Invitation,
    InvitationStatus,
    Membership,
    Organization,
    OrganizationKind,
    User,
)
from gongkai.accounts.roles import Role
from gongkai.core.audit import log_action, snapshot
from gongkai.core.errors import DomainError

ORGANIZATION_FIELDS = [
    "name",
    "short_name",
    "kind",
    "parent",
    "slug",
    "credit_code",
    "position",
    "report_submit_by",
    "report_publish_by",
    "is_active",
]


def _next_path(parent: Organization | None) -> str:
    prefix = parent.path if parent else ""
    siblings = Organization.objects.filter(parent=parent).values_list("path", flat=True)
    used = [int(path[len(prefix) :].rstrip(".")) for path in siblings]
    return f"{prefix}{(max(used) + 1) if used else 1:04d}."


@transaction.atomic
def organization_create(
    *,
    actor: Any,
    name: str,
    kind: str,
    slug: str,
    credit_code: str,
    parent: Organization | None = None,
    short_name: str = "",
    position: int = 0,
) -> Organization:
    if kind not in OrganizationKind.values:
        raise DomainError(_("Unknown kind of organization."), field="kind")
    if parent is None and kind != OrganizationKind.GOVERNMENT:
        raise DomainError(_("Only a people's government can stand at the top of the tree."), field="parent")
    organization = Organization(
        name=name,
        short_name=short_name,
        kind=kind,
        slug=slug,
        credit_code=credit_code,
        parent=parent,
        position=position,
        path=_next_path(parent),
    )
    try:
        organization.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=field) from error
    organization.save()
    log_action(
        actor=actor,
        action="organization.created",
        target=organization,
        organization=organization,
        after=snapshot(organization, ORGANIZATION_FIELDS),
    )
    return organization


@transaction.atomic
def membership_grant(*, actor: Any, user: User, organization: Organization, role: str) -> Membership:
    membership, created = Membership.objects.get_or_create(user=user, organization=organization, role=role)
    if created:
        log_action(
            actor=actor,
            action="membership.granted",
            target=membership,
            organization=organization,
            after={"user": user.username, "role": role},
        )
    return membership


@transaction.atomic
def membership_revoke(*, actor: Any, membership: Membership) -> None:
    if getattr(actor, "pk", None) is not None and actor.pk == membership.user_id:
        raise DomainError(_("Nobody changes their own roles: ask another administrator."), code="own_item")
    log_action(
        actor=actor,
        action="membership.revoked",
        target=membership,
        organization=membership.organization,
        before={"user": membership.user.username, "role": membership.role},
    )
    membership.delete()


@transaction.atomic
def organization_update(*, actor: Any, organization: Organization, values: dict[str, Any]) -> Organization:
    """Change an organization's name, code, order or local report dates (not its place
    in the tree)."""
    editable = [
        "name",
        "short_name",
        "credit_code",
        "position",
        "report_submit_by",
        "report_publish_by",
        "is_active",
    ]
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    before = snapshot(organization, ORGANIZATION_FIELDS)
    for name in editable:
        if name in values:
            setattr(organization, name, values[name])
    try:
        organization.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=field) from error
    organization.save()
    log_action(
        actor=actor,
        action="organization.updated",
        target=organization,
        organization=organization,
        before=before,
        after=snapshot(organization, ORGANIZATION_FIELDS),
    )
    return organization


@transaction.atomic
def user_create(*, actor: Any, username: str, display_name: str, password: str, email: str = "") -> User:
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(_("This username is taken."), field="username")
    user = User(username=username, display_name=display_name, email=email)
    user.set_password(password)
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=field) from error
    user.save()
    log_action(
        actor=actor,
        action="user.created",
        target=user,
        after={"username": username, "display_name": display_name},
    )
    return user


# --- Invitations: roles are offered by e-mail and approved by a second person ---------------------

INVITATION_DAYS = 7


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def is_level_above(actor: Any, organization: Organization) -> bool:
    """A site operator of the organization or of a body above it (or a superuser): the
    level that may change roles without a second administrator."""
    if not getattr(actor, "is_authenticated", False):
        return False
    if actor.is_superuser:
        return True
    return Membership.objects.filter(
        user=actor,
        role=Role.OPERATOR,
        organization__path__in=[
            organization.path[: i + 1] for i, c in enumerate(organization.path) if c == "."
        ],
    ).exists()


@transaction.atomic
def invitation_create(
    *,
    actor: Any,
    organization: Organization,
    email: str,
    role: str,
    display_name: str = "",
    accept_url: Callable[[str], str],
) -> Invitation:
    """Offer ``role`` in ``organization`` to whoever holds ``email``. From a site operator
    (the level above) it is sent at once; from an office administrator it waits for a
    second administrator's approval. Nothing is looked up by the address, so the answer
    never tells whether an account exists."""
    if role not in Role.values:
        raise DomainError(_("Unknown role."), field="role")
    invitation = Invitation(
        organization=organization,
        role=role,
        email=email.strip().lower(),
        display_name=display_name.strip(),
        invited_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    try:
        invitation.full_clean(exclude=["invited_by", "approved_by", "accepted_by", "token_hash"])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=field) from error
    invitation.save()
    log_action(
        actor=actor,
        action="invitation.created",
        target=invitation,
        organization=organization,
        after={"email": invitation.email, "role": role, "status": invitation.status},
    )
    if is_level_above(actor, organization):
        _invitation_send(actor, invitation, accept_url)
    return invitation


def _invitation_send(actor: Any, invitation: Invitation, accept_url: Callable[[str], str]) -> str:
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation.token_hash = _hash_token(token)
    invitation.status = InvitationStatus.SENT
    invitation.approved_by = actor if getattr(actor, "is_authenticated", False) else None
    invitation.sent_at = now
    invitation.expires_at = now + dt.timedelta(days=INVITATION_DAYS)
    invitation.save()
    log_action(
        actor=actor,
        action="invitation.sent",
        target=invitation,
        organization=invitation.organization,
        before={"status": InvitationStatus.AWAITING_APPROVAL},
        after={"status": InvitationStatus.SENT, "expires_at": invitation.expires_at},
    )
    context = {
        "organization": invitation.organization,
        "role": invitation.get_role_display(),
        "url": accept_url(token),
        "days": INVITATION_DAYS,
    }
    subject = _("Invitation to the disclosure platform of %(organization)s") % {
        "organization": invitation.organization.name
    }
    body = render_to_string("accounts/invitation_email.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [invitation.email]))
    return token


@transaction.atomic
def invitation_approve(*, actor: Any, invitation: Invitation, accept_url: Callable[[str], str]) -> str:
    """A second administrator (never the one who invited) approves and sends it. Returns
    the token (only the e-mail carries it to the person)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != InvitationStatus.AWAITING_APPROVAL:
        raise DomainError(_("This invitation has already been dealt with."))
    if getattr(actor, "pk", None) is not None and actor.pk == invitation.invited_by_id:
        raise DomainError(
            _("You made this invitation: a second administrator or the site operator must approve it."),
            code="own_item",
        )
    return _invitation_send(actor, invitation, accept_url)


@transaction.atomic
def invitation_reject(*, actor: Any, invitation: Invitation) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status not in (InvitationStatus.AWAITING_APPROVAL, InvitationStatus.SENT):
        raise DomainError(_("This invitation has already been dealt with."))
    before = {"status": invitation.status}
    invitation.status = InvitationStatus.REJECTED
    invitation.token_hash = ""
    invitation.decided_at = timezone.now()
    invitation.save()
    log_action(
        actor=actor,
        action="invitation.rejected",
        target=invitation,
        organization=invitation.organization,
        before=before,
        after={"status": invitation.status},
    )
    return invitation


def invitation_by_token(token: str) -> Invitation | None:
    """The sent, unexpired invitation of ``token``, or None."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("organization")
        .filter(token_hash=_hash_token(token), status=InvitationStatus.SENT, expires_at__gt=timezone.now())
        .first()
    )


@transaction.atomic
def invitation_accept(*, user: User, token: str) -> Membership:
    """The invited person takes the role with their account. Nobody grants themselves a
    role: neither the inviter nor the approver may accept."""
    found = invitation_by_token(token)
    if found is None:
        raise DomainError(_("This invitation link is not valid or has expired."), code="invalid_token")
    invitation = Invitation.objects.select_for_update().get(pk=found.pk)
    if invitation.status != InvitationStatus.SENT:
        raise DomainError(_("This invitation link is not valid or has expired."), code="invalid_token")
    if user.pk in (invitation.invited_by_id, invitation.approved_by_id):
        raise DomainError(
            _("You invited or approved this invitation yourself; nobody grants themselves a role."),
            code="own_item",
        )
    membership = membership_grant(
        actor=user, user=user, organization=invitation.organization, role=invitation.role
    )
    invitation.status = InvitationStatus.ACCEPTED
    invitation.accepted_by = user
    invitation.token_hash = ""
    invitation.decided_at = timezone.now()
    invitation.save()
    log_action(
        actor=user,
        action="invitation.accepted",
        target=invitation,
        organization=invitation.organization,
        before={"status": InvitationStatus.SENT},
        after={"status": invitation.status, "user": user.username, "role": invitation.role},
    )
    return membership


@transaction.atomic
def invitation_accept_with_new_account(
    *, token: str, username: str, display_name: str, password: str
) -> Membership:
    """A person without an account creates one from the invitation and takes the role."""
    found = invitation_by_token(token)
    if found is None:
        raise DomainError(_("This invitation link is not valid or has expired."), code="invalid_token")
    try:
        validate_password(password, User(username=username, email=found.email, display_name=display_name))
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field="password") from error
    user = user_create(
        actor="invitation", username=username, display_name=display_name, password=password, email=found.email
    )
    return invitation_accept(user=user, token=token)


# --- Passwords and the second factor ------------------------------------------------------------


@transaction.atomic
def password_changed(*, actor: Any, user: User, how: str) -> None:
    """Record that ``user``'s password was changed (``how``: "changed" by its holder, or
    "reset" by e-mail). Called by the views in the transaction that saves it."""
    log_action(actor=actor, action=f"user.password_{how}", target=user, data={"user": user.username})


def two_factor_device(user: User) -> TOTPDevice:
    """The user's TOTP device being set up (unconfirmed), created when missing."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)


@transaction.atomic
def two_factor_confirm(*, user: User, token: str) -> TOTPDevice:
    """The user proves the authenticator app works by giving its current code; the device
    is then confirmed and asked for at each login."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None:
        raise DomainError(_("Start the set-up again."), field="token")
    if not device.verify_token(token.strip().replace(" ", "")):
        raise DomainError(
            _("The code is not right. Check the time on your phone and try again."), field="token"
        )
    device.confirmed = True
    device.save()
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    log_action(
        actor=user,
        action="user.two_factor_enabled",
        target=user,
        before={"two_factor": False},
        after={"two_factor": True},
    )
    return device


@transaction.atomic
def two_factor_remove(*, user: User, token: str) -> None:
    """Turn the second factor off, proven by a current code."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
    if device is None:
        raise DomainError(_("No second factor is set up."))
    if not device.verify_token(token.strip().replace(" ", "")):
        raise DomainError(
            _("The code is not right. Check the time on your phone and try again."), field="token"
        )
    TOTPDevice.objects.filter(user=user).delete()
    log_action(
        actor=user,
        action="user.two_factor_disabled",
        target=user,
        before={"two_factor": True},
        after={"two_factor": False},
    )
