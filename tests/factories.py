import factory
from django.utils.text import slugify

from accounts.models import User
from councils.models import Council, CouncilEmailDomain, Membership, Partnership

DEFAULT_PASSWORD = "correct-horse-battery-staple"


def many_to_many(field):
    """A post-generation declaration that sets the many-to-many `field` to the list given."""

    def set_related(obj, create, extracted, **kwargs):
        if create and extracted:
            getattr(obj, field).set(extracted)

    return factory.PostGeneration(set_related)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    # Hashed before the row is written: one INSERT, not an INSERT then an UPDATE.
    password = factory.django.Password(DEFAULT_PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Give the user a verified primary email address, as allauth would."""
        from allauth.account.models import EmailAddress

        if create and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"C{n:03d}")
    short_name = factory.Sequence(lambda n: f"Testshire {n}")
    official_name = factory.LazyAttribute(lambda o: f"{o.short_name} Council")
    slug = factory.LazyAttribute(lambda o: slugify(o.short_name))
    gss_code = factory.Sequence(lambda n: f"E0{n:07d}")
    nation = Council.Nation.ENGLAND
    region = "London"
    authority_type = Council.AuthorityType.LONDON_BOROUGH
    active = True


class CouncilEmailDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilEmailDomain

    council = factory.SubFactory(CouncilFactory)
    domain = factory.LazyAttribute(lambda o: f"{o.council.slug}.gov.uk")


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Partnership {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))

    councils = many_to_many("councils")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    council = factory.SubFactory(CouncilFactory)
    role = Membership.Role.STAFF


def council(code, short_name, official_name, gss_code, **fields):
    """A council as the register names it: code, name, official name and GSS code."""
    names = {"short_name": short_name, "official_name": official_name, "gss_code": gss_code}
    return CouncilFactory(code=code, **names, **fields)


def council_with_domain(*names, **fields):
    """A council whose staff join with an address at <its slug>.gov.uk."""
    made = council(*names, **fields)
    CouncilEmailDomainFactory(council=made)
    return made


def turn_off_emails(person, *preferences):
    """`person` unticks the email `preferences` (User.notify_* fields) on their profile."""
    for preference in preferences:
        setattr(person, preference, False)
    person.save()
