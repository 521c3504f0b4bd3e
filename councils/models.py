from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ideabank.lib.fields import person_field
from ideabank.lib.sealed import seal, unseal

from .email_domains import shared_domain_error


class Visibility(models.TextChoices):
    """Who may see an idea or pilot; the rule itself is `visibility_filter`."""

    COUNCIL = "council", _("My council only")
    PARTNERS = "partners", _("My council and our partner councils")
    COUNCILS = "councils", _("Staff of any council")
    PUBLIC = "public", _("Everyone, including the public")


class CouncilQuerySet(models.QuerySet):
    def active(self):
        """Councils that exist today."""
        return self.filter(active=True)

    def partners_of(self, council):
        """Councils sharing at least one partnership with `council`, itself excluded."""
        return self.filter(partnerships__councils=council).exclude(pk=council.pk).distinct()


class Council(models.Model):
    class Nation(models.TextChoices):
        ENGLAND = "England", _("England")
        SCOTLAND = "Scotland", _("Scotland")
        WALES = "Wales", _("Wales")
        NORTHERN_IRELAND = "Northern Ireland", _("Northern Ireland")

    class AuthorityType(models.TextChoices):
        LONDON_BOROUGH = "LBO", _("London borough")
        METROPOLITAN_DISTRICT = "MD", _("Metropolitan district")
        NON_METROPOLITAN_DISTRICT = "NMD", _("Non-metropolitan district")
        UNITARY = "UA", _("Unitary authority")
        COUNTY = "CTY", _("County")
        WELSH_UNITARY = "WPA", _("Welsh unitary authority")
        SCOTTISH_UNITARY = "SCO", _("Scottish unitary authority")
        NI_DISTRICT = "NID", _("Northern Ireland district")
        COMBINED = "COMB", _("Combined authority")
        STRATEGIC_REGIONAL = "SRA", _("Strategic regional authority")
        CITY_CORPORATION = "CC", _("City corporation")

    code = models.CharField(_("local authority code"), max_length=8, unique=True)
    official_name = models.CharField(_("official name"), max_length=200)
    short_name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(max_length=120, unique=True)
    gss_code = models.CharField(_("GSS code"), max_length=9, unique=True, null=True, blank=True)
    nation = models.CharField(_("nation"), max_length=20, choices=Nation.choices)
    region = models.CharField(_("region"), max_length=60, blank=True)
    authority_type = models.CharField(
        _("type of council"), max_length=8, choices=AuthorityType.choices
    )
    parent_county = models.CharField(_("county council code"), max_length=8, blank=True)
    combined_authority = models.CharField(_("combined authority code"), max_length=8, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    replaced_by = models.CharField(_("replaced by"), max_length=40, blank=True)
    active = models.BooleanField(_("current council"), default=True)
    gov_uk_slug = models.CharField(max_length=100, blank=True)
    population = models.PositiveIntegerField(_("population (2020)"), null=True, blank=True)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["short_name"]
        indexes = [models.Index(fields=["nation", "region", "authority_type"])]

    def __str__(self):
        return self.short_name

    def has_council_admin(self):
        return self.memberships.active_council_admins().exists()

    def request_deciders(self):
        """Who decides on requests to join: the council admins, else the platform admins.

        Platform admins are superusers: they are the ones `can_manage_members` lets act.
        """
        people = get_user_model().objects.filter(is_active=True)
        if self.has_council_admin():
            return people.filter(
                membership__council=self, membership__role=Membership.Role.COUNCIL_ADMIN
            )
        return people.filter(is_superuser=True)


class CouncilProfile(models.Model):
    """What open data says about a council: mySociety's composite UK deprivation index and
    its labels for similar councils (CC BY 4.0, councils/data/README.md). Loaded by
    `import_councils`; a council missing from one file has that file's fields blank."""

    class RuralUrban(models.TextChoices):
        # In order from most urban to most rural: councils/similarity.py counts the steps.
        URBAN = "Urban", _("Urban")
        URBAN_WITH_RURAL = "Urban with rural areas", _("Urban with rural areas")
        RURAL = "Rural", _("Mostly rural")
        SPARSE = "Sparse and rural", _("Sparse and rural")

    class Emissions(models.TextChoices):
        # The values are mySociety's cluster names, spelling included.
        URBAN_MAINSTREAM = "Urban Mainstream", _("typical of towns and cities")
        TRANSPORT_DOMESTIC = "Transport/Domestic", _("mostly from transport and homes")
        PUBLIC_SECTOR = "Public sector", _("a large share from public services")
        AGRICULTURE = "Agriculture", _("mostly from farming")
        INDUSTRY = "Industry/Commerical/Domestic", _("mostly from industry, business and homes")
        CITY_OF_LONDON = "City of London", _("mostly from offices, as in the City of London")

    council = models.OneToOneField(Council, on_delete=models.CASCADE, related_name="profile")
    # Composite UK index of multiple deprivation: higher is more deprived.
    deprivation_score = models.FloatField(_("deprivation score"), null=True, blank=True)
    # Fifths of councils weighted by population: 1 is the most deprived fifth.
    deprivation_quintile = models.PositiveSmallIntegerField(null=True, blank=True)
    # Share (0 to 1) of people living in the most deprived neighbourhoods.
    high_deprivation_share = models.FloatField(null=True, blank=True)
    density = models.FloatField(_("people per square kilometre"), null=True, blank=True)
    emissions = models.CharField(max_length=40, choices=Emissions.choices, blank=True)
    rural_urban = models.CharField(max_length=30, choices=RuralUrban.choices, blank=True)

    def __str__(self):
        return str(self.council)


class SimilarCouncil(models.Model):
    """One of a council's most similar current councils (councils/similarity.py),
    rebuilt by `import_councils`. `reasons` names the measures they are alike in."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="similar_links")
    similar = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    distance = models.FloatField()
    reasons = models.JSONField(default=list)

    class Meta:
        ordering = ["council", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "rank"], name="one_similar_council_per_rank"
            ),
            models.UniqueConstraint(fields=["council", "similar"], name="similar_council_once"),
        ]

    def __str__(self):
        return f"{self.council} ~ {self.similar}"


class CouncilEmailDomain(models.Model):
    """An email domain that proves a person works for a council."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="email_domains")
    domain = models.CharField(_("email domain"), max_length=253)

    class Meta:
        ordering = ["domain"]
        constraints = [
            models.UniqueConstraint(Lower("domain"), name="unique_council_email_domain"),
        ]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower()
        super().save(*args, **kwargs)

    def clean(self):
        # The admin's check: a platform admin may add an unusual domain, never a shared one.
        self.domain = self.domain.strip().lower()
        error = shared_domain_error(self.domain)
        if error:
            raise ValidationError({"domain": error})


class Partnership(models.Model):
    """Councils that work together and share with each other, e.g. the West London Alliance."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(max_length=150, unique=True)
    description = models.TextField(_("description"), blank=True)
    councils = models.ManyToManyField(Council, related_name="partnerships", blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class MembershipQuerySet(models.QuerySet):
    def managers_of(self, council):
        """Memberships that may review and approve for `council`."""
        return self.filter(
            council=council, role__in=[Membership.Role.MANAGER, Membership.Role.COUNCIL_ADMIN]
        )

    def active_council_admins(self):
        """Council admins whose accounts are active: they decide on requests to join."""
        return self.filter(role=Membership.Role.COUNCIL_ADMIN, user__is_active=True)


class Membership(models.Model):
    """A person's place in their council. Each person belongs to at most one council."""

    class Role(models.TextChoices):
        STAFF = "staff", _("Staff")
        MANAGER = "manager", _("Manager")
        COUNCIL_ADMIN = "council_admin", _("Council admin")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.STAFF)
    joined_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["council", "user__email"]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.council})"

    @property
    def is_manager(self):
        # Council admins can do everything a manager can.
        return self.role in {self.Role.MANAGER, self.Role.COUNCIL_ADMIN}

    @property
    def is_council_admin(self):
        return self.role == self.Role.COUNCIL_ADMIN

    def role_change_error(self, role):
        """Why this person may not take `role`, or leave their council if `role` is None;
        None if they may. A council keeps at least one council admin and one manager."""
        others = Membership.objects.filter(council_id=self.council_id).exclude(pk=self.pk)
        stays_admin = role == self.Role.COUNCIL_ADMIN
        stays_manager = role in {self.Role.MANAGER, self.Role.COUNCIL_ADMIN}
        if (
            self.is_council_admin
            and not stays_admin
            and not others.filter(role=self.Role.COUNCIL_ADMIN).exists()
        ):
            error = gettext(
                "%(council)s must have at least one council admin. "
                "Make someone else a council admin first."
            )
        elif (
            self.is_manager
            and not stays_manager
            and not others.managers_of(self.council_id).exists()
        ):
            error = gettext(
                "%(council)s must have at least one manager. Make someone else a manager first."
            )
        else:
            return None
        return error % {"council": self.council.short_name}

    def leaving_error(self):
        """Why this person may not leave their council, or None if they may."""
        return self.role_change_error(None)

    def lock_council(self):
        """Make role changes and leavers in this council take turns (inside a transaction),
        so two admins cannot demote each other, nor two managers both leave, at once."""
        Council.objects.select_for_update().filter(pk=self.council_id).first()
        self.refresh_from_db(fields=["role"])

    @transaction.atomic
    def leave(self):
        """Take this person out of their council, keeping a council admin and a manager."""
        self.lock_council()
        error = self.leaving_error()
        if error:
            raise ValidationError(error)
        self.delete()


def managers_of(council):
    """The people who manage `council` (its managers and council admins), in id order."""
    memberships = Membership.objects.managers_of(council).select_related("user__membership")
    return [membership.user for membership in memberships.order_by("user_id")]


class MembershipRequestQuerySet(models.QuerySet):
    def awaiting_decision(self):
        """Pending requests, oldest first, each knowing whether its council has a council
        admin to decide (`council_has_admin`); if not, the platform admins decide."""
        council_admins = Membership.objects.active_council_admins().filter(
            council=models.OuterRef("council")
        )
        return (
            self.filter(status=MembershipRequest.Status.PENDING)
            .select_related("council")
            .annotate(council_has_admin=models.Exists(council_admins))
            .order_by("created_at", "pk")
        )


class MembershipRequest(models.Model):
    """A person without a council email asking a council to add them."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership_requests"
    )
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="membership_requests"
    )
    message = models.TextField(_("why you need access"), max_length=2000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = person_field()

    objects = MembershipRequestQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "council"],
                condition=models.Q(status="pending"),
                name="one_pending_request_per_council",
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.council}"


class IdentityProvider(models.Model):
    """A council's own sign-in: an OpenID Connect provider such as its Microsoft Entra ID
    tenant (councils/sso). Who may use it is decided by the council's email domains."""

    council = models.OneToOneField(
        Council, on_delete=models.CASCADE, related_name="identity_provider"
    )
    issuer = models.URLField(
        _("issuer URL"),
        max_length=300,
        help_text=_(
            "For Microsoft Entra ID, the address shown above with your tenant ID in it. "
            "Sign-ins from any other issuer are refused."
        ),
    )
    client_id = models.CharField(_("application (client) ID"), max_length=200)
    # Sealed with ideabank.lib.sealed: never shown again once saved.
    sealed_client_secret = models.TextField(blank=True, editable=False)
    enabled = models.BooleanField(_("staff can sign in with it"), default=True)
    required = models.BooleanField(
        _("staff must sign in with the council account"),
        default=False,
        help_text=_("Password sign-in and password reset are refused for the council's staff."),
    )
    enforces_mfa = models.BooleanField(
        _("the council account always asks for multi-factor authentication"),
        default=False,
        help_text=_(
            "Managers who sign in with it are not asked for an Idea Bank authenticator code."
        ),
    )
    last_sign_in_at = models.DateTimeField(_("last successful sign-in"), null=True, blank=True)
    last_scim_at = models.DateTimeField(_("last call from provisioning"), null=True, blank=True)
    # SHA-256 of the provisioning (SCIM) bearer token: the token itself is shown once.
    scim_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("council sign-in provider")

    def __str__(self):
        return gettext("Sign-in for %(council)s") % {"council": self.council}

    @property
    def client_secret(self):
        return unseal(self.sealed_client_secret)

    def set_client_secret(self, secret):
        self.sealed_client_secret = seal(secret) if secret else ""

    @property
    def has_client_secret(self):
        return bool(self.sealed_client_secret)


class SignInSuspension(models.Model):
    """A person who signs in with their council account and has not for
    IDEABANK_SSO_DORMANT_DAYS: inactive until they sign in with it again."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_in_suspension"
    )
    suspended_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("suspension after a long time without signing in")

    def __str__(self):
        return str(self.user)
