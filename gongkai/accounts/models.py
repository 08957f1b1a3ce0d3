"""Organizations (the tree of bodies), people, and their roles in organizations."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.credit_code import credit_code_problem
from gongkai.accounts.roles import Role


def validate_credit_code(value: str) -> None:
    problem = credit_code_problem(value)
    if problem:
        raise ValidationError(
            _("Not a valid unified social credit code: %(problem)s"),
            code="credit_code",
            params={"problem": problem},
        )


# Words that name pages of the site itself, so no organization may take them as its slug.
RESERVED_SLUGS = frozenset(
    {
        "account",
        "api",
        "backoffice",
        "captcha",
        "en",
        "i18n",
        "invitations",
        "login",
        "logout",
        "media",
        "operator",
        "password-reset",
        "search",
        "sitemap",
        "standard",
        "static",
        "track",
        "workdays",
    }
)


def validate_slug_not_reserved(value: str) -> None:
    if value.lower() in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” names a page of the site; choose another."), code="reserved", params={"slug": value}
        )


class OrganizationKind(models.TextChoices):
    GOVERNMENT = "government", _("People's government")
    DEPARTMENT = "department", _("Department")
    TOWNSHIP = "township", _("Township or street")
    ZONE = "zone", _("Development zone")


class Organization(models.Model):
    """A 行政机关: a government, one of its departments, a township, a development zone.

    ``path`` is a materialised path ("0001.0004.") kept by the organization services, so
    that a subtree is one indexed prefix query.
    """

    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, unique=True, editable=False)
    slug = models.SlugField(
        _("URL name"), max_length=60, unique=True, validators=[validate_slug_not_reserved]
    )
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[validate_credit_code]
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    # Art. 49: a local rule may set earlier dates than the statutory ones (MM-DD of the
    # year after the report year); never later.
    report_submit_by = models.CharField(
        _("local date to submit the annual report (MM-DD)"), max_length=5, blank=True
    )
    report_publish_by = models.CharField(
        _("local date to publish the annual report (MM-DD)"), max_length=5, blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(report_submit_by="")
                | models.Q(report_submit_by__regex=r"^[0-1][0-9]-[0-3][0-9]$"),
                name="organization_submit_by_mm_dd",
            ),
            models.CheckConstraint(
                condition=models.Q(report_publish_by="")
                | models.Q(report_publish_by__regex=r"^[0-1][0-9]-[0-3][0-9]$"),
                name="organization_publish_by_mm_dd",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count(".") - 1

    def subtree(self) -> models.QuerySet[Organization]:
        return Organization.objects.filter(path__startswith=self.path)

    def ancestors(self) -> models.QuerySet[Organization]:
        prefixes = [self.path[: i + 1] for i, char in enumerate(self.path) if char == "."][:-1]
        return Organization.objects.filter(path__in=prefixes).order_by("path")

    @property
    def is_government(self) -> bool:
        return self.kind == OrganizationKind.GOVERNMENT


class User(AbstractUser):
    """A person who logs in: staff of an organization, or a site operator."""

    display_name = models.CharField(_("display name"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def get_full_name(self) -> str:
        return self.display_name or super().get_full_name() or self.username


class Membership(models.Model):
    """A role of a user in an organization."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization", "role"], name="membership_unique_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organization} · {self.get_role_display()}"


class InvitationStatus(models.TextChoices):
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting a second administrator")
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class Invitation(models.Model):
    """A role offered to a person by e-mail (issue 11, failure 2).

    Nobody attaches an account by username: an administrator invites an e-mail address,
    a second administrator of the body (or a site operator above it) approves, and the
    person accepts from the link in the e-mail, with an account they already have or a new
    one. Only a hash of the link's token is stored.
    """

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    email = models.EmailField(_("e-mail"))
    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InvitationStatus.choices,
        default=InvitationStatus.AWAITING_APPROVAL,
    )
    invited_by = models.ForeignKey(
        User, verbose_name=_("invited by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        User,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_by = models.ForeignKey(
        User,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.email} · {self.organization} · {self.get_role_display()}"
