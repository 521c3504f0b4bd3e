from django.db import migrations


def ideas_follow_their_pilots(apps, schema_editor):
    """Accepted ideas whose pilot already runs read "Piloting"; with an outcome, "Piloted"."""
    Idea = apps.get_model("ideas", "Idea")
    Pilot = apps.get_model("pilots", "Pilot")
    Outcome = apps.get_model("outcomes", "Outcome")
    for outcome in Outcome.objects.filter(pilot__idea__status="accepted").values(
        "pilot__idea_id", "verdict"
    ):
        Idea.objects.filter(pk=outcome["pilot__idea_id"]).update(
            status="piloted", verdict=outcome["verdict"]
        )
    running = Pilot.objects.filter(status="running", idea__status="accepted").values("idea_id")
    Idea.objects.filter(pk__in=running).update(status="piloting")


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0007_requested_audience_and_piloting"),
        ("pilots", "0006_card_life_one_pilot_per_idea"),
        ("outcomes", "0003_search_trigger"),
    ]

    operations = [migrations.RunPython(ideas_follow_their_pilots, migrations.RunPython.noop)]
