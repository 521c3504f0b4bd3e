import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from accounts.models import User
from councils.models import Council, Membership, Partnership
from explore.api import public_outcomes
from ideas.models import Idea
from outcomes.models import Outcome
from pilots.models import Pilot


@pytest.fixture(autouse=True)
def own_media_folder(settings, tmp_path):
    """load_demo writes the open-data file: not into the folder later tests share."""
    settings.MEDIA_ROOT = tmp_path


def counts():
    return [
        model.objects.count() for model in (User, Membership, Partnership, Idea, Pilot, Outcome)
    ]


def test_load_demo_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo")
    assert User.objects.count() == 0


def test_load_demo_is_idempotent_and_covers_every_state(db, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    first = counts()
    call_command("load_demo", stdout=StringIO())
    assert counts() == first

    wla = Partnership.objects.get(slug="west-london-alliance")
    assert {c.short_name for c in wla.councils.all()} >= {"Barnet", "Brent", "Ealing", "Harrow"}
    assert set(Idea.objects.values_list("status", flat=True)) == set(Idea.Status.values)
    assert set(Pilot.objects.values_list("status", flat=True)) == set(Pilot.Status.values)
    assert set(Outcome.objects.values_list("verdict", flat=True)) == set(Outcome.Verdict.values)
    roles = set(Membership.objects.values_list("council__slug", "role"))
    for slug in ("barnet", "brent", "leeds"):
        assert {role for council, role in roles if council == slug} == set(Membership.Role.values)


def test_demo_lineage_story_did_not_work_then_worked_for_a_partner(db, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    adopted = Pilot.objects.get(adapted_from__isnull=False)
    assert adopted.outcome.verdict == Outcome.Verdict.WORKED
    assert adopted.adapted_from.outcome.verdict == Outcome.Verdict.DID_NOT_WORK
    assert adopted.council in Council.objects.partners_of(adopted.adapted_from.council)


def test_demo_managers_have_two_factor_with_the_code_demo_totp_prints(db, settings, client):
    from allauth.mfa.models import Authenticator

    settings.DEBUG = True
    # A slow run can cross into the next 30-second code between printing and typing it.
    settings.MFA_TOTP_TOLERANCE = 1
    call_command("load_demo", stdout=StringIO())
    output = StringIO()
    call_command("demo_totp", stdout=output)
    code = output.getvalue().split()[0]
    manager = User.objects.get(email="manager@barnet.gov.uk")
    assert Authenticator.objects.filter(user=manager, type=Authenticator.Type.TOTP).exists()
    # The code signs the demo manager in through allauth's own two-factor page.
    login = {"login": manager.email, "password": "ideabank-demo"}
    assert client.post(reverse("account_login"), login)["Location"] == reverse("mfa_authenticate")
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    assert client.get(reverse("ideas:review_queue")).status_code == 200
    staff = User.objects.get(email="staff@barnet.gov.uk")
    assert not Authenticator.objects.filter(user=staff).exists()


def test_a_fresh_demos_weekly_digest_tells_brent_what_barnet_learned_last_week(
    db, settings, mailoutbox
):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    call_command("send_digests", "--period", "weekly", stdout=StringIO())
    by_recipient = {message.to[0]: message for message in mailoutbox}
    brent_staff = by_recipient["staff@brent.gov.uk"]
    assert "new items from other councils" in brent_staff.subject
    assert "Here is what other councils shared with you" in brent_staff.body
    assert "Chatbot for missed bin reports" in brent_staff.body
    assert "It did not work" in brent_staff.body
    assert "Barnet" in brent_staff.body


def test_a_fresh_demos_daily_digest_tells_barnet_what_brent_learned_yesterday(
    db, settings, mailoutbox
):
    from digests.models import DigestPreference

    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    barnet_staff = User.objects.get(email="staff@barnet.gov.uk")
    DigestPreference.objects.create(user=barnet_staff, frequency="daily")
    call_command("send_digests", "--period", "daily", stdout=StringIO())
    [digest] = [message for message in mailoutbox if message.to == [barnet_staff.email]]
    assert "Missed bin web form with callback" in digest.body
    assert "It worked" in digest.body


def test_demo_has_a_benefit_check_in_answered_and_one_still_to_come(db, settings):
    from decimal import Decimal

    from django.utils import timezone

    from outcomes.models import BenefitCheckIn

    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    check_ins = BenefitCheckIn.objects.filter(outcome__pilot__title="Council tax bills by email")

    answered, to_come = check_ins.order_by("months")
    assert (answered.months, to_come.months) == (6, 12)
    assert answered.answered_at is not None and answered.due_on < timezone.localdate()
    assert answered.realised_cashable == Decimal("18500")
    assert to_come.answered_at is None and to_come.due_on > timezone.localdate()
    assert list(BenefitCheckIn.objects.answered()) == [answered]


def test_demo_pilots_say_what_they_try_so_warnings_pair_only_alike_failures(db, settings, client):
    """A shared stock summary made every demo pilot look alike: "Digital timesheets for
    carers" was warned about "Free swim for carers"."""
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    summaries = list(Pilot.objects.values_list("summary", flat=True))
    assert len(set(summaries)) == len(summaries)

    client.force_login(User.objects.get(email="manager@barnet.gov.uk"))
    timesheets = Pilot.objects.get(title="Digital timesheets for carers")
    sign_off = client.get(reverse("pilots:sign_off", args=[timesheets.pk])).content.decode()
    assert "data-failed-elsewhere" not in sign_off

    client.force_login(User.objects.get(email="staff@barnet.gov.uk"))
    callback = Pilot.objects.get(title="Missed bin web form with callback")
    adopt = client.get(reverse("pilots:adopt", args=[callback.pk])).content.decode()
    assert "Stopped early at your council in" in adopt
    assert "Most residents asked the chatbot for a person to call them." in adopt


def test_demo_pilots_have_cards_and_outcomes_of_their_own(db, settings):
    """A stock card made every demo pilot read alike and fake: "Free swim for carers" was
    measured in calls about the service, run by the waste team, and every outcome
    measured "See what we learned."."""
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    pilots = list(Pilot.objects.all())
    assert len(pilots) == 12
    for field in ("hypothesis", "success_measure", "baseline", "stop_criteria", "team"):
        values = [getattr(pilot, field) for pilot in pilots]
        assert len(set(values)) == len(values), field
    for pilot in pilots:
        assert pilot.hypothesis.startswith("We believe that ")
        assert " We will know we are right when " in pilot.hypothesis
        assert 100 <= pilot.budget_cap <= 10000

    swim = Pilot.objects.get(title="Free swim for carers")
    assert "call" not in swim.success_measure.lower()
    assert "carers" in swim.success_measure
    assert swim.team == "Public health and leisure, with the carers' centre"
    assert "leisure centres" in swim.max_exposure

    outcomes = list(Outcome.objects.select_related("pilot"))
    measured = [outcome.measured_result for outcome in outcomes]
    assert len(set(measured)) == len(measured) == 6
    assert "See what we learned." not in measured
    for outcome in outcomes:
        assert outcome.actual_cost <= outcome.pilot.budget_cap, outcome.pilot.title
    web_form = Outcome.objects.get(pilot__title="Missed bin web form with callback")
    assert "cut calls about missed bins by a third" in web_form.learned
    assert "a third fewer" in web_form.measured_result


def test_demo_has_comments_and_a_question_to_read_and_report(db, settings, client):
    """Every demo page said "No comments yet.": staff across the partnership now talk about
    the repair cafés idea and the chatbot's outcome, and Brent asked the chatbot's team."""
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    client.force_login(User.objects.get(email="staff@brent.gov.uk"))
    chatbot = Pilot.objects.get(title="Chatbot for missed bin reports")
    outcome_page = client.get(reverse("outcomes:detail", args=[chatbot.pk])).content.decode()
    assert "It saved us trying a chatbot" in outcome_page
    assert "Glad it helped." in outcome_page
    assert "Report this comment" in outcome_page  # Barnet's reply, not her own comment
    question = chatbot.questions.get()
    conversation = client.get(question.get_absolute_url()).content.decode()
    assert "How did you choose when to offer a call back?" in conversation
    assert "We offered it after two unanswered questions." in conversation

    # On a public idea Brent can read: her comment, and Barnet's reply she may report.
    repair_cafes = Idea.objects.get(title="Volunteer-run repair cafés")
    idea_page = client.get(repair_cafes.get_absolute_url()).content.decode()
    assert "The hard part was insurance for electrical repairs" in idea_page
    assert "We will ask you about the insurance" in idea_page
    assert "Report this comment" in idea_page


def test_demo_stories_happen_in_order_on_days_that_have_passed(db, settings):
    """Every record was stamped with the moment load_demo ran: a pilot that ran from 29
    August to 28 September was "signed off on 7 December", and "Council tax bills by
    email" had an outcome published 245 days before its idea was submitted."""
    from django.utils import timezone

    from ideas.models import IdeaEvent
    from pilots.models import PilotEvent

    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    now, today = timezone.now(), timezone.localdate()
    signed = Pilot.objects.filter(
        start_date__lt=today, idea__isnull=False, sign_off_record__isnull=False
    )
    assert signed.count() >= 7
    for pilot in signed.select_related("idea", "sign_off_record"):
        idea, signed_at = pilot.idea, pilot.sign_off_record.signed_at
        assert idea.created_at <= idea.submitted_at <= idea.decided_at <= signed_at, pilot.title
        assert timezone.localtime(signed_at).date() == pilot.start_date, pilot.title
        for events in (idea.events, pilot.events):
            moments = list(events.order_by("pk").values_list("created_at", flat=True))
            assert moments == sorted(moments), pilot.title
        if pilot.is_closed:
            assert pilot.closed_at >= pilot.started_at >= signed_at, pilot.title
            assert timezone.localtime(pilot.closed_at).date() <= min(pilot.end_date, today), (
                pilot.title
            )
            assert pilot.closed_at <= pilot.outcome.published_at <= now, pilot.title
    assert not IdeaEvent.objects.filter(created_at__gt=now).exists()
    assert not PilotEvent.objects.filter(created_at__gt=now).exists()

    council_tax = Idea.objects.get(title="Council tax bills by email")
    assert council_tax.submitted_at < council_tax.pilots.get().outcome.published_at


def test_demo_notifications_and_last_changes_fall_on_the_days_of_what_they_follow(
    db, settings, django_capture_on_commit_callbacks
):
    """Every notification and every "last changed" date read "today", for a decision
    made in the summer as much as for a comment written this morning."""
    from django.apps import apps
    from django.utils import timezone

    from notifications.models import Notification

    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())

    notifications = list(Notification.objects.all())
    assert len(notifications) >= 10
    for notification in notifications:
        _kind, label, pk = notification.key.split(":")[:3]
        record = apps.get_model(label).objects.get(pk=pk)
        when = getattr(record, "published_at", None) or record.created_at
        if label == "pilots.pilot":
            when = record.sign_off_requested_at
        assert notification.created_at == when, notification.key
    a_week_ago = timezone.now() - datetime.timedelta(days=7)
    assert sum(n.created_at < a_week_ago for n in notifications) >= 5
    for pilot in Pilot.objects.filter(status__in=["completed", "stopped_early"]):
        assert pilot.updated_at == pilot.closed_at, pilot.title
    chatbot = Idea.objects.get(pilots__title="Chatbot for missed bin reports")
    assert chatbot.updated_at == chatbot.events.latest("created_at").created_at


def test_a_fresh_demo_offers_an_open_data_file_of_its_public_outcomes(
    db, settings, client, django_capture_on_commit_callbacks
):
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())

    response = client.get(reverse("open_data_outcomes"))

    rows = b"".join(response.streaming_content).decode().splitlines()
    public = public_outcomes().count()
    assert public >= 1 and len(rows) == 1 + public
