"""National-scale data for the explore benchmark (bench/explore_load.py, docs/performance.md).

Rows go in with PostgreSQL COPY (psycopg 3) and explicit ids, so 100,000 ideas
take well under a minute; elsewhere batched INSERTs, for small smoke runs only.
"""

import random
import time
from array import array
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from councils.models import Council, Membership, Partnership
from ideas.models import Idea, IdeaCount, IdeaEvent, Theme
from outcomes.models import ExperimentCount, Outcome
from pilots.models import Pilot, PilotEvent, PilotSignOff

from ..seed_mix import (
    ADOPTION_SHARE,
    COMPLETED_VERDICTS,
    EVIDENCE_LEVELS,
    HISTORY,
    IDEA_STATUSES,
    PILOT_STATUSES,
    STOPPED_VERDICTS,
    VISIBILITIES,
)
from ..seed_rows import (
    Chooser,
    RowWriter,
    analyze,
    check_search_vectors,
    next_id,
    reset_sequences,
)
from ..seed_text import (
    APPROACHES,
    BENEFITS,
    FIRST_NAMES,
    JOB_TITLES,
    LAST_NAMES,
    LEARNED,
    PROBLEMS,
    PROPOSALS,
    VOCABULARY,
)

SQLITE_MAX_IDEAS = 20_000
# Every seeded person signs in with this password (the benchmark uses sessions).
SEED_PASSWORD = "seeded-bench-password"

PARTNERSHIP_KINDS = [
    "Innovation Network",
    "Digital Partnership",
    "Shared Services",
    "Care Alliance",
]


class Command(BaseCommand):
    help = (
        "Fill the database with national-scale fake data for the explore benchmark: "
        "councils, staff, ideas, pilots and outcomes. Not idempotent: every run adds rows."
    )

    def add_arguments(self, parser):
        parser.add_argument("--councils", type=int, default=400)
        parser.add_argument("--users", type=int, default=20_000)
        parser.add_argument("--ideas", type=int, default=100_000)
        parser.add_argument("--pilots", type=int, default=10_000)
        parser.add_argument(
            "--partnerships", type=int, default=None, help="default: one per 10 councils"
        )
        parser.add_argument("--batch-size", type=int, default=5_000, help="INSERT batch size")
        parser.add_argument("--seed", type=int, default=20261128, help="random seed")
        parser.add_argument("--force", action="store_true", help="run even with DEBUG off")
        parser.add_argument(
            "--allow-sqlite",
            action="store_true",
            help=f"run on SQLite (at most {SQLITE_MAX_IDEAS:,} ideas)",
        )
        parser.add_argument(
            "--no-analyze", action="store_true", help="skip VACUUM ANALYZE at the end"
        )

    def handle(self, *args, **options):
        self.check_safe(options)
        self.tty = self.stdout.isatty()
        self.rng = random.Random(options["seed"])  # noqa: S311 (fake data, not secrets)
        self.now = timezone.now()
        self.writer = RowWriter(self, options["batch_size"])
        started = time.monotonic()

        councils = self.pick_councils(options["councils"])
        themes = list(Theme.objects.order_by("pk"))
        if not themes:
            raise CommandError("No themes: run `manage.py migrate` first.")
        self.themes = themes
        self.theme_words = [
            VOCABULARY.get(theme.slug, VOCABULARY["digital-and-data"]) for theme in themes
        ]
        self.password = make_password(SEED_PASSWORD)

        with transaction.atomic():
            self.seed_users(councils, options["users"])
            self.seed_partnerships(councils, options["partnerships"])
        with transaction.atomic():
            self.seed_ideas(councils, options["ideas"])
        with transaction.atomic():
            self.seed_pilots(options["pilots"])
        loaded = [User, Membership, Idea, IdeaEvent, Pilot, PilotEvent, PilotSignOff, Outcome]
        loaded += [Idea.themes.through, Pilot.themes.through]
        reset_sequences(loaded)
        check_search_vectors([Idea, Pilot], self.stdout)
        if connection.vendor == "postgresql" and not options["no_analyze"]:
            # The kept counts too: their triggers rewrote each cell once per row loaded
            # (100,000 ideas left 138,751 dead versions beside 88,463 cells), which
            # autovacuum clears in a site that grows a row at a time.
            analyze([*loaded, IdeaCount, ExperimentCount], self.stdout)
        self.report(time.monotonic() - started)

    def check_safe(self, options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is off, so this may be a real database. seed_scale adds tens of "
                "thousands of fake people and ideas; pass --force if you mean it."
            )
        if connection.vendor == "sqlite":
            if not options["allow_sqlite"]:
                raise CommandError("seed_scale is meant for PostgreSQL; pass --allow-sqlite.")
            if options["ideas"] > SQLITE_MAX_IDEAS:
                raise CommandError(f"On SQLite seed at most {SQLITE_MAX_IDEAS:,} ideas.")
        for name in ("councils", "users", "ideas", "pilots"):
            if options[name] < 0:
                raise CommandError(f"--{name} cannot be negative.")
        if options["councils"] < 1 or options["users"] < options["councils"]:
            raise CommandError("Seed at least one council and one person per council.")

    # --- councils, people, partnerships -------------------------------------------------

    def pick_councils(self, wanted):
        if not Council.objects.exists():
            self.stdout.write("No councils yet: importing the shipped UK list.")
            call_command("import_councils", stdout=self.stdout)
        active = list(Council.objects.active().order_by("pk"))
        if len(active) < wanted:
            self.stdout.write(f"Only {len(active)} current councils: using all of them.")
            return active
        return sorted(self.rng.sample(active, wanted), key=lambda council: council.pk)

    def seed_users(self, councils, count):
        rng = self.rng
        first_user = next_id(User)
        self.council_users = {council.pk: [] for council in councils}
        self.council_managers = {council.pk: [] for council in councils}
        slugs = {council.pk: council.slug for council in councils}
        plan = []
        for offset in range(count):
            council = councils[offset % len(councils)]
            user_id = first_user + offset
            # The first person of each council is its admin, the next five managers.
            rank = offset // len(councils)
            role = (
                Membership.Role.COUNCIL_ADMIN
                if rank == 0
                else Membership.Role.MANAGER
                if rank <= 5
                else Membership.Role.STAFF
            )
            self.council_users[council.pk].append(user_id)
            if role != Membership.Role.STAFF:
                self.council_managers[council.pk].append(user_id)
            plan.append((user_id, council.pk, role))

        def users():
            for user_id, council_id, _role in plan:
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                joined = self.now - timedelta(seconds=rng.randrange(int(HISTORY.total_seconds())))
                yield {
                    "id": user_id,
                    "password": self.password,
                    "email": f"{first}.{last}.{user_id}@{slugs[council_id]}.gov.uk".lower(),
                    "full_name": f"{first} {last}",
                    "job_title": rng.choice(JOB_TITLES),
                    "date_joined": joined,
                    "last_login": None,
                    "is_active": True,
                    "is_staff": False,
                    "is_superuser": False,
                }

        def memberships():
            first_membership = next_id(Membership)
            for index, (user_id, council_id, role) in enumerate(plan):
                yield {
                    "id": first_membership + index,
                    "user_id": user_id,
                    "council_id": council_id,
                    "role": role,
                    "joined_at": self.now,
                }

        self.writer.write(User, users(), count, "users")
        self.writer.write(Membership, memberships(), count, "memberships")

    def seed_partnerships(self, councils, count):
        rng = self.rng
        if count is None:
            count = max(1, len(councils) // 10)
        by_region = {}
        for council in councils:
            by_region.setdefault(council.region or council.nation, []).append(council)
        regions = sorted(by_region)
        self.partners = {council.pk: set() for council in councils}
        first = next_id(Partnership)
        for index in range(count):
            region = rng.choice(regions)
            pool = by_region[region] if len(by_region[region]) >= 3 else councils
            members = rng.sample(pool, min(len(pool), rng.randint(3, 8)))
            name = f"{region} {rng.choice(PARTNERSHIP_KINDS)} {first + index}"
            partnership = Partnership.objects.create(
                name=name,
                slug=slugify(name),
                description=f"Councils in {region} sharing pilots and what they learned.",
            )
            partnership.councils.set(members)
            for council in members:
                self.partners[council.pk].update(other.pk for other in members if other != council)
        self.partnership_count = count
        self.stdout.write(f"partnerships     {count:,}")

    # --- ideas ------------------------------------------------------------------------

    def words(self, theme_index):
        things, people = self.theme_words[theme_index]
        rng = self.rng
        thing, who = rng.choice(things), rng.choice(people)
        return {
            "thing": thing,
            "people": who,
            "people_cap": who[0].upper() + who[1:],
            "approach": rng.choice(APPROACHES).lower(),
        }

    def text(self, templates, words, sentences=1):
        return " ".join(self.rng.choice(templates).format(**words) for _ in range(sentences))

    def seed_ideas(self, councils, count):
        rng = self.rng
        visibility = Chooser(rng, VISIBILITIES)
        status = Chooser(rng, IDEA_STATUSES)
        cost = Chooser(rng, [(value, 1) for value in Idea.CostBand.values])
        # Bigger councils write more ideas.
        council_weight = Chooser(
            rng, [(council.pk, (council.population or 100_000) ** 0.5) for council in councils]
        )
        history = int(HISTORY.total_seconds())
        first_idea = next_id(Idea)
        self.first_idea = first_idea
        self.idea_theme = array("B")
        self.accepted = []  # (idea id, council id, author id, title, theme index, created)
        events = []  # (idea id, actor, from, to, note, when)
        decided = Idea.DECIDED

        def ideas():
            for offset in range(count):
                idea_id = first_idea + offset
                council_id = council_weight()
                author_id = rng.choice(self.council_users[council_id])
                theme_index = rng.randrange(len(self.themes))
                self.idea_theme.append(theme_index)
                words = self.words(theme_index)
                title = f"{rng.choice(APPROACHES)} {words['thing']} for {words['people']}"
                created = self.now - timedelta(seconds=rng.randrange(history))
                current = status()
                submitted_at = decided_at = None
                updated = created
                if current != Idea.Status.DRAFT:
                    submitted_at = created + timedelta(hours=rng.randrange(1, 72))
                    updated = submitted_at
                    events.append(
                        (
                            idea_id,
                            author_id,
                            Idea.Status.DRAFT,
                            Idea.Status.SUBMITTED,
                            "",
                            submitted_at,
                        )
                    )
                if current in decided or current == Idea.Status.IN_REVIEW:
                    decided_at = submitted_at + timedelta(days=rng.randrange(1, 40))
                    updated = decided_at
                    manager = rng.choice(self.council_managers[council_id])
                    if current != Idea.Status.IN_REVIEW:
                        note = f"Thank you. {self.text(BENEFITS, words)}"
                        events.append(
                            (idea_id, manager, Idea.Status.SUBMITTED, current, note, decided_at)
                        )
                    else:
                        decided_at = None
                        events.append(
                            (idea_id, manager, Idea.Status.SUBMITTED, current, "", updated)
                        )
                elif current == Idea.Status.WITHDRAWN:
                    updated = submitted_at + timedelta(days=rng.randrange(1, 20))
                    events.append(
                        (idea_id, author_id, Idea.Status.SUBMITTED, current, "", updated)
                    )
                updated = min(updated, self.now)
                if current == Idea.Status.ACCEPTED:
                    self.accepted.append(
                        (idea_id, council_id, author_id, title, theme_index, updated)
                    )
                yield {
                    "id": idea_id,
                    "council_id": council_id,
                    "author_id": author_id,
                    "title": title,
                    "problem": self.text(PROBLEMS, words, 2),
                    "proposal": self.text(PROPOSALS, words),
                    "expected_benefit": self.text(BENEFITS, words),
                    "who_benefits": words["people_cap"],
                    "cost_band": cost(),
                    "visibility": visibility(),
                    "name_display": "council" if rng.random() < 0.2 else "everyone",
                    "status": current,
                    "created_at": created,
                    "updated_at": updated,
                    "submitted_at": submitted_at and min(submitted_at, self.now),
                    "decided_at": decided_at and min(decided_at, self.now),
                }

        self.writer.write(Idea, ideas(), count, "ideas")
        self.write_themes(Idea, "idea_id", first_idea, self.idea_theme, "idea themes")
        first_event = next_id(IdeaEvent)
        self.writer.write(
            IdeaEvent,
            (
                {
                    "id": first_event + index,
                    "idea_id": idea_id,
                    "actor_id": actor,
                    "from_status": from_status,
                    "to_status": to_status,
                    "note": note,
                    "created_at": min(when, self.now),
                }
                for index, (idea_id, actor, from_status, to_status, note, when) in enumerate(
                    events
                )
            ),
            len(events),
            "idea events",
        )

    def write_themes(self, model, column, first_id, theme_of, label):
        """One or two themes per row: the one its words came from, sometimes another."""
        rng = self.rng
        through = model.themes.through
        rows = []
        for offset, theme_index in enumerate(theme_of):
            rows.append((first_id + offset, self.themes[theme_index].pk))
            if rng.random() < 0.3:
                other = rng.randrange(len(self.themes))
                if other != theme_index:
                    rows.append((first_id + offset, self.themes[other].pk))
        first_row = next_id(through)
        self.writer.write(
            through,
            (
                {"id": first_row + index, column: owner, "theme_id": theme}
                for index, (owner, theme) in enumerate(rows)
            ),
            len(rows),
            label,
        )

    # --- pilots and outcomes ----------------------------------------------------------

    def seed_pilots(self, count):
        rng = self.rng
        status = Chooser(rng, PILOT_STATUSES)
        visibility = Chooser(rng, VISIBILITIES)
        evidence = Chooser(rng, EVIDENCE_LEVELS)
        completed_verdict = Chooser(rng, COMPLETED_VERDICTS)
        stopped_verdict = Chooser(rng, STOPPED_VERDICTS)
        rng.shuffle(self.accepted)
        sources = self.accepted[:count]
        all_councils = list(self.council_users)
        first_pilot = next_id(Pilot)
        pilot_theme = array("B")
        adopted = set()  # (source pilot, adopting council)
        made = []  # (pilot id, council id, title, theme index, created)
        outcomes, signoffs, events = [], [], []

        def pilots():
            for offset in range(count):
                pilot_id = first_pilot + offset
                source = None
                if made and rng.random() < ADOPTION_SHARE:
                    source = rng.choice(made)
                    partners = self.partners.get(source[1]) or all_councils
                    council_id = rng.choice(sorted(partners))
                    if council_id == source[1] or (source[0], council_id) in adopted:
                        source = None
                if source is not None:
                    adopted.add((source[0], council_id))
                    idea_id, title, theme_index = None, source[2], source[3]
                    created = min(source[4] + timedelta(days=rng.randrange(30, 200)), self.now)
                elif offset < len(sources):
                    idea_id, council_id, _author, title, theme_index, decided = sources[offset]
                    created = min(decided + timedelta(days=rng.randrange(1, 30)), self.now)
                else:
                    council_id = rng.choice(all_councils)
                    idea_id, theme_index = None, rng.randrange(len(self.themes))
                    title = f"{rng.choice(APPROACHES)} {self.words(theme_index)['thing']}"
                    created = self.now - timedelta(days=rng.randrange(1, 3 * 365))
                pilot_theme.append(theme_index)
                made.append((pilot_id, council_id, title, theme_index, created))
                words = self.words(theme_index)
                lead = rng.choice(self.council_users[council_id])
                manager = rng.choice(self.council_managers[council_id])
                current = status()
                # Pilots not yet old enough to have finished are still running.
                if current in (Pilot.Status.COMPLETED, Pilot.Status.STOPPED_EARLY) and (
                    self.now - created < timedelta(days=30)
                ):
                    current = Pilot.Status.RUNNING
                start = (created + timedelta(days=rng.randrange(7, 30))).date()
                end = start + timedelta(weeks=rng.randrange(4, 27))
                started_at = closed_at = None
                budget = Decimal(rng.randrange(500, 50_000))
                limits = {
                    "start_date": start,
                    "end_date": end,
                    "budget_cap": budget,
                    "max_exposure": f"Up to {rng.randrange(50, 2_000)} {words['people']}.",
                    "stop_criteria": "Complaints rise by a tenth, or the budget cap is reached.",
                    "rollback_plan": "Switch back to the existing process the same day.",
                }
                if current != Pilot.Status.PLANNED:
                    started_at = min(created + timedelta(days=rng.randrange(1, 7)), self.now)
                    # The snapshot the application writes (Pilot.sign_off), of the card then.
                    snapshot = Pilot(**limits).signed_limits()
                    signoffs.append((pilot_id, manager, started_at, snapshot))
                    events.append(
                        (pilot_id, manager, Pilot.Status.PLANNED, Pilot.Status.RUNNING, started_at)
                    )
                if current in (Pilot.Status.COMPLETED, Pilot.Status.STOPPED_EARLY):
                    room = max((self.now - started_at).days, 1)
                    closed_at = started_at + timedelta(days=rng.randrange(1, min(room, 200) + 1))
                    closed_at = min(closed_at, self.now)
                    end = max(min(end, closed_at.date()), start)
                    verdict = (
                        completed_verdict()
                        if current == Pilot.Status.COMPLETED
                        else stopped_verdict()
                    )
                    outcomes.append((pilot_id, lead, verdict, closed_at, budget, theme_index))
                    events.append((pilot_id, lead, Pilot.Status.RUNNING, current, closed_at))
                updated = closed_at or started_at or created
                yield {
                    "id": pilot_id,
                    "council_id": council_id,
                    "idea_id": idea_id,
                    "adapted_from_id": source[0] if source else None,
                    "title": title,
                    "summary": self.text(PROPOSALS, words),
                    "hypothesis": (
                        f"We believe that {words['approach']} {words['thing']} will help "
                        f"{words['people']}. We will know we are right when calls fall by a fifth."
                    ),
                    "success_measure": "Calls and emails about it per week, and time to resolve.",
                    "baseline": (
                        f"{rng.randrange(40, 900)} contacts a week; "
                        f"{rng.randrange(2, 30)} days to resolve."
                    ),
                    "amplify_signals": "Other teams ask to join; repeat contacts fall.",
                    **limits,
                    "end_date": end,
                    "lead_id": lead,
                    "team": f"{words['people_cap']} pilot team",
                    "visibility": visibility(),
                    "status": current,
                    "stop_reason": (
                        "The stop criteria were met."
                        if current == Pilot.Status.STOPPED_EARLY
                        else ""
                    ),
                    "created_by_id": lead,
                    "created_at": created,
                    "updated_at": updated,
                    "started_at": started_at,
                    "closed_at": closed_at,
                    "overdue_notified_at": None,
                }

        self.writer.write(Pilot, pilots(), count, "pilots")
        self.adoptions = len(adopted)
        self.write_themes(Pilot, "pilot_id", first_pilot, pilot_theme, "pilot themes")
        self.write_signoffs(signoffs)
        self.write_outcomes(outcomes, evidence)
        first_event = next_id(PilotEvent)
        self.writer.write(
            PilotEvent,
            (
                {
                    "id": first_event + index,
                    "pilot_id": pilot_id,
                    "actor_id": actor,
                    "from_status": from_status,
                    "to_status": to_status,
                    "note": "",
                    "created_at": when,
                }
                for index, (pilot_id, actor, from_status, to_status, when) in enumerate(events)
            ),
            len(events),
            "pilot events",
        )

    def write_signoffs(self, signoffs):
        first = next_id(PilotSignOff)
        self.writer.write(
            PilotSignOff,
            (
                {
                    "id": first + index,
                    "pilot_id": pilot_id,
                    "signed_by_id": manager,
                    "signed_at": when,
                    "limits": limits,
                }
                for index, (pilot_id, manager, when, limits) in enumerate(signoffs)
            ),
            len(signoffs),
            "sign-offs",
        )

    def write_outcomes(self, outcomes, evidence):
        rng = self.rng
        first = next_id(Outcome)

        def rows():
            for index, (pilot_id, lead, verdict, closed_at, budget, theme_index) in enumerate(
                outcomes
            ):
                words = self.words(theme_index)
                worked = verdict in (Outcome.Verdict.WORKED, Outcome.Verdict.PARTLY_WORKED)
                yield {
                    "id": first + index,
                    "pilot_id": pilot_id,
                    "verdict": verdict,
                    "expected_result": "Calls to fall by a fifth within the time box.",
                    "measured_result": f"Calls changed by {rng.randrange(-30, 40)}%.",
                    "learned": self.text(LEARNED, words, 2),
                    "do_differently": "Involve the front line from the first week.",
                    "recommend": "yes" if worked else rng.choice(["with_changes", "no"]),
                    "evidence_level": evidence(),
                    "actual_cost": (budget * Decimal(rng.randrange(20, 100)) / 100).quantize(
                        Decimal("0.01")
                    ),
                    "yearly_saving": Decimal(rng.randrange(0, 200_000)) if worked else None,
                    "people_reached": rng.randrange(10, 5_000),
                    "written_by_id": lead,
                    "published_at": closed_at,
                }

        self.writer.write(Outcome, rows(), len(outcomes), "outcomes")
        self.outcome_count = len(outcomes)

    # --- afterwards -------------------------------------------------------------------

    def report(self, elapsed):
        ideas = self.writer.timings.get("ideas", (0, 0))
        rate = ideas[0] / ideas[1] if ideas[1] else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {ideas[0]:,} ideas ({rate:,.0f}/s), {self.writer.timings['pilots'][0]:,} "
                f"pilots, {self.outcome_count:,} outcomes, {self.adoptions:,} adoptions, "
                f"{self.partnership_count:,} partnerships in {elapsed:.1f}s."
            )
        )
