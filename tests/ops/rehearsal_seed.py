"""Data for the production rehearsal, written by a process of its own as an operator would.

    python -m tests.ops.rehearsal_seed cast          # Barnet, Alice (staff), Bob (manager)
    python -m tests.ops.rehearsal_seed managers 500  # 500 more Barnet managers
    python -m tests.ops.rehearsal_seed overdue       # a Brent pilot past its end date

Prints what it made as one JSON line.

Nobody here takes digests: the rehearsal is about emails through kills and two beats,
and the digests' own exactly-once is the fault test's (bench/digests_fault.py). A
person left on the weekly default would get a digest listing the review queue whenever
beat's first tick came after the first idea, a race with the email the test waits for.
"""

import datetime
import json
import sys


def without_digests(users):
    from digests.models import DigestPreference, Frequency

    DigestPreference.objects.bulk_create(
        [DigestPreference(user=user, frequency=Frequency.OFF) for user in users]
    )


def cast():
    from tests.factories import (
        DEFAULT_PASSWORD,
        CouncilEmailDomainFactory,
        CouncilFactory,
        MembershipFactory,
        UserFactory,
    )

    barnet = CouncilFactory(code="BNE", short_name="Barnet", slug="barnet", gss_code="E09000003")
    CouncilEmailDomainFactory(council=barnet, domain="barnet.gov.uk")
    alice = UserFactory(email="alice@barnet.gov.uk", full_name="Alice Adeyemi")
    MembershipFactory(user=alice, council=barnet)
    bob = UserFactory(email="bob@barnet.gov.uk", full_name="Bob Birch")
    MembershipFactory(user=bob, council=barnet, role="manager")
    without_digests([alice, bob])
    return {"staff": alice.email, "password": DEFAULT_PASSWORD, "manager": bob.email}


def managers(count):
    from django.contrib.auth import get_user_model

    from councils.models import Council, Membership

    barnet = Council.objects.get(code="BNE")
    users = get_user_model().objects.bulk_create(
        [
            get_user_model()(email=f"manager{n}@barnet.gov.uk", full_name=f"Manager {n}")
            for n in range(count)
        ]
    )
    Membership.objects.bulk_create(
        [Membership(user=user, council=barnet, role="manager") for user in users]
    )
    without_digests(users)
    return {"managers": len(users)}


def overdue():
    from django.utils import timezone

    from pilots.models import Pilot
    from tests.factories import CouncilFactory, MembershipFactory, UserFactory
    from tests.pilots.factories import PilotFactory

    brent = CouncilFactory(code="BEN", short_name="Brent", slug="brent", gss_code="E09000005")
    lead = UserFactory(email="carol@brent.gov.uk", password="!")
    MembershipFactory(user=lead, council=brent)
    manager = UserFactory(email="bea@brent.gov.uk", password="!")
    MembershipFactory(user=manager, council=brent, role="manager")
    without_digests([lead, manager])
    today = timezone.localdate()
    pilot = PilotFactory(
        council=brent,
        lead=lead,
        status=Pilot.Status.RUNNING,
        start_date=today - datetime.timedelta(days=60),
        end_date=today - datetime.timedelta(days=1),
    )
    return {"pilot": pilot.pk, "told": sorted([lead.email, manager.email])}


def main(argv):
    import django

    django.setup()
    what = {"cast": cast, "managers": managers, "overdue": overdue}[argv[0]]
    print(json.dumps(what(*map(int, argv[1:]))), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
