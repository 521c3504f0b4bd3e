"""Which email domains may prove that a person works for a council.

A domain added to a council lets everyone who verifies an address there join it,
so a shared domain would let staff of many organisations into one council.
The lists are hand-kept rather than taken from the Public Suffix List: that list
does not name `gov.uk` or `nhs.net` as public suffixes, though thousands of
organisations share them.
"""

from django.utils.translation import gettext as _

# Anyone can get an address at these, so they never prove someone works for a council.
PERSONAL_EMAIL_DOMAINS = frozenset(
    {
        "aol.com",
        "btinternet.com",
        "gmail.com",
        "gmx.com",
        "googlemail.com",
        "hotmail.co.uk",
        "hotmail.com",
        "icloud.com",
        "live.co.uk",
        "live.com",
        "me.com",
        "outlook.com",
        "proton.me",
        "protonmail.com",
        "sky.com",
        "yahoo.co.uk",
        "yahoo.com",
    }
)

# Suffixes shared by many public bodies: no one council owns any of them.
SHARED_PUBLIC_SECTOR_DOMAINS = frozenset(
    {
        "ac.uk",
        "cjsm.net",
        "co.uk",
        "cymru",
        "gcsx.gov.uk",
        "gov.scot",
        "gov.uk",
        "gov.wales",
        "gsi.gov.uk",
        "gsx.gov.uk",
        "hscni.net",
        "llyw.cymru",
        "ltd.uk",
        "me.uk",
        "mod.uk",
        "net.uk",
        "nhs.net",
        "nhs.scot",
        "nhs.uk",
        "nic.uk",
        "org.uk",
        "parliament.uk",
        "plc.uk",
        "pnn.police.uk",
        "police.uk",
        "sch.uk",
        "scot",
        "scotland.gov.uk",
        "uk",
        "wales",
        "wales.gov.uk",
    }
)
# Under these, the label straight below is itself shared: `barnet.sch.uk` holds
# many schools' addresses, not the council's.
MULTI_ORGANISATION_SUFFIXES = ("sch.uk",)
# Where councils' own domains live. Anything else is unusual: a platform admin adds it.
COUNCIL_SUFFIXES = ("gov.uk", "gov.scot", "gov.wales", "llyw.cymru")


def shared_domain_error(domain):
    """Why no council may hold `domain` (a shared or personal domain), or None."""
    if domain in PERSONAL_EMAIL_DOMAINS:
        return _("Enter your council's own email domain. Anyone can get a %(domain)s address.") % {
            "domain": domain
        }
    labels = domain.split(".")
    shared_second_level = any(
        domain.endswith("." + suffix) and len(labels) == len(suffix.split(".")) + 1
        for suffix in MULTI_ORGANISATION_SUFFIXES
    )
    if domain in SHARED_PUBLIC_SECTOR_DOMAINS or shared_second_level:
        return _(
            "Enter your council's own email domain, like barnet.gov.uk. "
            "%(domain)s is shared by many organisations."
        ) % {"domain": domain}
    return None


def is_usual_council_domain(domain):
    """True for a domain under a council suffix, like barnet.gov.uk or x.barnet.gov.uk."""
    return any(domain.endswith("." + suffix) for suffix in COUNCIL_SUFFIXES)


def name_label(domain):
    """The label just above a council suffix: "barnet" in libraries.barnet.gov.uk; or None."""
    for suffix in COUNCIL_SUFFIXES:
        if domain.endswith("." + suffix):
            return domain.removesuffix("." + suffix).rsplit(".", 1)[-1]
    return None


def council_names(council):
    """The names a council's own domain may carry: its slugs, with and without hyphens."""
    slugs = {council.slug, council.gov_uk_slug} - {""}
    return slugs | {slug.replace("-", "") for slug in slugs}


def is_own_domain(domain, *, names, held):
    """True when a council admin may add `domain` without the Idea Bank team's check: it
    carries the council's name (barnet.gov.uk, libraries.barnet.gov.uk for Barnet), or
    sits under a domain the council already holds. Any other gov.uk name could be
    another council's, and everyone who verified an address there would join this one."""
    return name_label(domain) in names or any(domain.endswith("." + own) for own in held)
