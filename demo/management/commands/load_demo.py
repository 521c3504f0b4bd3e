"""Demo data for a laptop: partnerships, one person per role in several
councils, and ideas, pilots and outcomes in every state. Safe to run again."""

import datetime
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from councils.models import Council, CouncilEmailDomain, Membership, Partnership, Visibility
from demo import stories
from demo.dates import date_for_digests, date_stories, date_what_followed
from explore.open_data import write_outcomes_file
from ideabank.lib.totp import give_authenticator
from ideas.models import Comment, Idea, Theme
from outcomes.models import Outcome, OutcomeComment
from outcomes.services import record_benefits, schedule_check_ins
from pilots.models import Message, Pilot, Question

DEMO_PASSWORD = "ideabank-demo"
# One known two-factor secret for every demo manager and admin: `manage.py
# demo_totp` prints the current code. Demo data only; DEBUG only.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105

PARTNERSHIPS = {
    "West London Alliance": {
        "description": "Seven west London boroughs that share services, ideas and what they "
        "learn from trying them.",
        "councils": ["BNE", "BEN", "EAL", "HMF", "HRW", "HIL", "HNS"],
    },
    "Greater Manchester Innovation Network": {
        "description": "Councils in Greater Manchester testing new ways of working together.",
        "councils": ["MAN", "SLF", "TRF", "SKP"],
    },
}
# Councils with demo people: two partners, one council in another
# partnership, and one in none.
DEMO_COUNCILS = {"BNE": "barnet", "BEN": "brent", "MAN": "manchester", "LDS": "leeds"}
ROLES = {
    "staff": Membership.Role.STAFF,
    "manager": Membership.Role.MANAGER,
    "admin": Membership.Role.COUNCIL_ADMIN,
}


class Command(BaseCommand):
    help = "Load demo partnerships, people, ideas, pilots and outcomes (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("load_demo only runs with DEBUG on: it creates known passwords.")
        if not Council.objects.exists():
            call_command("import_councils", stdout=self.stdout)
        with transaction.atomic():
            councils = {code: Council.objects.get(code=code) for code in self.all_codes()}
            self.load_partnerships(councils)
            people = self.load_people(councils)
            self.load_platform_admin()
            if not Idea.objects.filter(author__email__endswith=".gov.uk").exists():
                self.load_stories(councils, people)
                date_for_digests(timezone.now())
                # After the notifications, which are sent once the stories are saved.
                transaction.on_commit(date_what_followed)
            # The open-data page's file, which beat writes again each night.
            transaction.on_commit(write_outcomes_file)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(f"Sign in as any of these, password “{DEMO_PASSWORD}”:")
        for council_slug in DEMO_COUNCILS.values():
            for role in ROLES:
                self.stdout.write(f"  {role}@{council_slug}.gov.uk")
        self.stdout.write("  admin@ideabank.local (platform admin, /admin/)")
        self.stdout.write(
            "Managers and admins also need a two-factor code: run `manage.py demo_totp`."
        )

    def all_codes(self):
        codes = set(DEMO_COUNCILS)
        for partnership in PARTNERSHIPS.values():
            codes.update(partnership["councils"])
        return sorted(codes)

    def load_partnerships(self, councils):
        for name, spec in PARTNERSHIPS.items():
            partnership, _ = Partnership.objects.update_or_create(
                slug=name.lower().replace(" ", "-"),
                defaults={"name": name, "description": spec["description"]},
            )
            partnership.councils.set([councils[code] for code in spec["councils"]])
        for council in councils.values():
            CouncilEmailDomain.objects.get_or_create(
                domain=f"{council.slug}.gov.uk", defaults={"council": council}
            )

    def load_people(self, councils):
        people = {}
        for code, slug in DEMO_COUNCILS.items():
            for role_name, role in ROLES.items():
                email = f"{role_name}@{slug}.gov.uk"
                user = self.person(email, f"{role_name.title()} {councils[code].short_name}")
                Membership.objects.update_or_create(
                    user=user, defaults={"council": councils[code], "role": role}
                )
                people[(slug, role_name)] = user
                if role != Membership.Role.STAFF:
                    self.give_demo_totp(user)
        return people

    def give_demo_totp(self, user):
        """Replace any authenticator with the demo's known secret."""
        Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
        give_authenticator(user, DEMO_TOTP_SECRET)

    def load_platform_admin(self):
        admin = self.person("admin@ideabank.local", "Platform Admin")
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])
        self.give_demo_totp(admin)

    def person(self, email, full_name):
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        return user

    def load_stories(self, councils, people):
        since = timezone.now()  # what the story methods stamp is at or after this
        themes = ThemeLookup()
        barnet_staff, barnet_manager = people[("barnet", "staff")], people[("barnet", "manager")]
        brent_staff, brent_manager = people[("brent", "staff")], people[("brent", "manager")]

        def idea(author, title, status, visibility, theme, name_display="everyone", **text):
            text = {**stories.IDEAS.get(title, {}), **text}
            item = Idea.objects.create(
                council=author.membership.council,
                author=author,
                title=title,
                problem=text.get("problem", f"The problem behind “{title}”."),
                proposal=text.get("proposal", f"What we would change to try “{title}”."),
                expected_benefit=text.get("benefit", "Faster service and lower cost."),
                who_benefits=text.get("who", "Residents and front-line staff"),
                # Asked for by the author; a manager approves it with the decision below.
                requested_visibility=visibility,
                visibility=Visibility.COUNCIL,
                name_display=name_display,
            )
            item.themes.set([themes[theme]])
            manager = people[(author.membership.council.slug, "manager")]
            steps = {
                "draft": [],
                "submitted": ["submit"],
                "in_review": ["submit", "start_review"],
                "accepted": ["submit", "start_review", "accept"],
                "declined": ["submit", "start_review", "decline"],
                "parked": ["submit", "start_review", "park"],
                "withdrawn": ["submit", "withdraw"],
            }[status]
            for step in steps:
                if step in {"accept", "decline", "park"}:
                    getattr(item, step)(by=manager, feedback=FEEDBACK[step], audience=visibility)
                elif step == "withdraw":
                    item.withdraw(by=author, note="Another team is already trying this.")
                else:
                    getattr(item, step)(by=author if step == "submit" else manager)
            return item

        idea(
            barnet_staff,
            "Draft: reuse library space for job clubs",
            "draft",
            Visibility.PARTNERS,
            "culture-leisure-and-libraries",
        )
        idea(
            barnet_staff,
            "Text reminders for bulky waste collections",
            "submitted",
            Visibility.PARTNERS,
            "waste-and-recycling",
        )
        idea(
            barnet_staff,
            "Shared duty desk for housing and benefits",
            "in_review",
            Visibility.COUNCIL,
            "housing-and-homelessness",
            name_display="council",
        )
        idea(
            barnet_staff,
            "Pop-up council advice in GP surgeries",
            "declined",
            Visibility.COUNCILS,
            "public-health",
        )
        repair_cafes = idea(
            barnet_staff,
            "Volunteer-run repair cafés",
            "parked",
            Visibility.PUBLIC,
            "environment-and-climate",
        )
        idea(
            brent_staff,
            "Plain-English council tax letters",
            "withdrawn",
            Visibility.PARTNERS,
            "customer-services",
        )
        idea(
            people[("manchester", "staff")],
            "Shared procurement of LED streetlights",
            "submitted",
            Visibility.PARTNERS,
            "transport-and-highways",
        )
        idea(
            people[("leeds", "staff")],
            "Open data on pothole repairs",
            "accepted",
            Visibility.PUBLIC,
            "digital-and-data",
        )

        # The lineage story: did not work in Barnet, adopted with changes by
        # Brent, and worked there.
        origin_idea = idea(
            barnet_staff,
            "Chatbot for missed bin reports",
            "accepted",
            Visibility.PARTNERS,
            "waste-and-recycling",
            name_display="council",
            problem="Residents wait on the phone to report a missed bin.",
            proposal="Let residents report missed bins to a chatbot on the website.",
        )
        today = timezone.localdate()
        origin = self.pilot(
            origin_idea,
            barnet_manager,
            barnet_staff,
            "Chatbot for missed bin reports",
            start=today - datetime.timedelta(days=120),
            days=60,
            visibility=Visibility.PARTNERS,
        )
        origin.sign_off(by=barnet_manager, today=origin.start_date)
        self.close(
            origin,
            barnet_staff,
            "stopped_early",
            Outcome.Verdict.DID_NOT_WORK,
            recommend=Outcome.Recommendation.WITH_CHANGES,
            level=2,
        )
        adopted = self.pilot(
            None,
            brent_manager,
            brent_staff,
            "Missed bin web form with callback",
            start=today - datetime.timedelta(days=70),
            days=45,
            visibility=Visibility.PARTNERS,
            adapted_from=origin,
            summary="A short web form to report a missed bin, and a call back at a time "
            "the resident chooses.",
        )
        adopted.ask_for_sign_off(by=brent_staff)
        adopted.sign_off(by=brent_manager, today=adopted.start_date)
        self.close(
            adopted,
            brent_staff,
            "completed",
            Outcome.Verdict.WORKED,
            recommend=Outcome.Recommendation.YES,
            level=3,
            saving="26000",
        )
        self.load_conversations(repair_cafes, origin, people)

        # One pilot in every other state and every other verdict.
        partners, councils = Visibility.PARTNERS, Visibility.COUNCILS
        for title, status, verdict, visibility, theme in [
            ("Digital timesheets for carers", "planned", None, partners, "adult-social-care"),
            ("Reusable nappies trial", "asked", None, partners, "waste-and-recycling"),
            ("Wellbeing walks for staff", "future", None, partners, "workforce-and-culture"),
            ("Drop-in IT help for residents", "discarded", None, partners, "digital-and-data"),
            ("Shared fleet booking", "running", None, councils, "finance-and-procurement"),
            ("Overdue: graffiti reporting app", "overdue", None, partners, "community-safety"),
            (
                "Night-time noise patrol pilot",
                "completed",
                Outcome.Verdict.PARTLY_WORKED,
                Visibility.PUBLIC,
                "community-safety",
            ),
            (
                "Green roof on the civic centre",
                "completed",
                Outcome.Verdict.INCONCLUSIVE,
                Visibility.PUBLIC,
                "environment-and-climate",
            ),
            (
                "Free swim for carers",
                "stopped_early",
                Outcome.Verdict.STOPPED_EARLY,
                Visibility.COUNCIL,
                "public-health",
            ),
        ]:
            source = idea(barnet_staff, title, "accepted", visibility, theme)
            start = today - datetime.timedelta(days=100 if status == "overdue" else 20)
            if status == "future":
                start = today + datetime.timedelta(days=14)  # "Signed off, starts …"
            pilot = self.pilot(
                source,
                barnet_manager,
                barnet_staff,
                title,
                start=start,
                days=30 if status == "overdue" else 60,
                visibility=visibility,
            )
            if status == "discarded":
                pilot.discard(by=barnet_manager, reason="The library could not host it.")
                continue
            if status != "planned":
                pilot.ask_for_sign_off(by=barnet_staff)
            if status not in {"planned", "asked"}:
                pilot.sign_off(by=barnet_manager, today=start)
            if verdict:
                self.close(
                    pilot,
                    barnet_staff,
                    status,
                    verdict,
                    recommend=Outcome.Recommendation.WITH_CHANGES,
                    level=1,
                )
        self.load_benefits_story(barnet_staff, barnet_manager, idea)
        date_stories(since)

    def load_conversations(self, repair_cafes, chatbot, people):
        """Comments across the partnership, and a question to the chatbot's team, as
        staff write them on the site (stories.CONVERSATIONS)."""
        said = stories.CONVERSATIONS
        for slug, role, body in said["repair cafés"]:
            Comment.objects.create(idea=repair_cafes, author=people[(slug, role)], body=body)
        for slug, role, body in said["chatbot outcome"]:
            OutcomeComment.objects.create(
                outcome=chatbot.outcome, author=people[(slug, role)], body=body
            )
        asker = people[("brent", "staff")]
        question = Question.objects.create(
            pilot=chatbot, council=asker.membership.council, asker=asker
        )
        for slug, role, body in said["chatbot question"]:
            Message.objects.create(question=question, author=people[(slug, role)], body=body)

    def pilot(
        self,
        source_idea,
        manager,
        lead,
        title,
        *,
        start,
        days,
        visibility,
        adapted_from=None,
        summary=None,
    ):
        council = lead.membership.council
        pilot = Pilot.objects.create(
            council=council,
            idea=source_idea,
            adapted_from=adapted_from,
            title=title,
            # What the idea proposed, tried small.
            summary=summary or source_idea.proposal,
            start_date=start,
            end_date=start + datetime.timedelta(days=days),
            lead=lead,
            visibility=visibility,
            created_by=manager,
            # Its case, limits and team (budget_cap in whole pounds).
            **stories.CARDS[title],
        )
        if source_idea:
            pilot.themes.set(source_idea.themes.all())
        return pilot

    def close(
        self,
        pilot,
        lead,
        ending,
        verdict,
        *,
        recommend,
        level,
        saving=None,
        published_at=None,
    ):
        lesson = stories.LESSONS[pilot.title]
        outcome = Outcome.objects.create(
            pilot=pilot,
            verdict=verdict,
            expected_result=lesson["expected_result"],
            measured_result=lesson["measured_result"],
            learned=lesson["learned"],
            do_differently=lesson["differently"],
            recommend=recommend,
            evidence_level=level,
            actual_cost=Decimal(lesson["actual_cost"]),
            yearly_saving=Decimal(saving) if saving else None,
            written_by=lead,
            published_at=published_at or timezone.now(),
        )
        if ending == "completed":
            pilot.complete(by=lead)
        else:
            reason = lesson.get("stop_reason", "We met a stop criterion early.")
            pilot.stop_early(by=lead, reason=reason)
        if pilot.idea_id:
            pilot.idea.finish_piloting(by=lead, verdict=verdict)  # "Piloted: <verdict>"
        schedule_check_ins(outcome)  # as outcomes.services.publish_outcome does
        return outcome

    def load_benefits_story(self, barnet_staff, barnet_manager, idea):
        """A pilot that worked, published eight months ago: its lead has reported what it
        saved at six months, and the twelve-month check-in is still to come."""
        today = timezone.localdate()
        source = idea(
            barnet_staff,
            "Council tax bills by email",
            "accepted",
            Visibility.PARTNERS,
            "digital-and-data",
        )
        pilot = self.pilot(
            source,
            barnet_manager,
            barnet_staff,
            "Council tax bills by email",
            start=today - datetime.timedelta(days=330),
            days=60,
            visibility=Visibility.PARTNERS,
        )
        pilot.ask_for_sign_off(by=barnet_staff)
        pilot.sign_off(by=barnet_manager, today=pilot.start_date)
        outcome = self.close(
            pilot,
            barnet_staff,
            "completed",
            Outcome.Verdict.WORKED,
            recommend=Outcome.Recommendation.YES,
            level=3,
            saving="40000",
            published_at=timezone.now() - datetime.timedelta(days=245),
        )
        record_benefits(
            check_in=outcome.check_ins.get(months=6),
            by=barnet_staff,
            realised_cashable=Decimal("18500"),
            realised_cost_avoided=Decimal("3000"),
            note="Printing and postage for 6,200 households; fewer calls about late bills.",
        )


# Stories dated inside the last full week and the last full day, so that the first
# `send_digests` on a fresh demo has partner councils' news to send.
class ThemeLookup(dict):
    """Themes by slug. The ideas migration seeds them; recreate any that a
    flushed test database lost."""

    def __missing__(self, slug):
        theme, _ = Theme.objects.get_or_create(
            slug=slug, defaults={"name": slug.replace("-", " ").capitalize()}
        )
        self[slug] = theme
        return theme


FEEDBACK = {
    "accept": "A good, low-risk test. Let's run it as a pilot in one ward.",
    "decline": "Thank you. GP surgeries could not give us space this year, so we cannot "
    "try it now. The thinking was sound.",
    "park": "A good idea for when the repair budget is agreed. We will come back to it.",
}
