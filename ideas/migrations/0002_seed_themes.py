from django.db import migrations
from django.utils.text import slugify

THEMES = [
    "Adult social care",
    "Children and families",
    "Housing and homelessness",
    "Environment and climate",
    "Waste and recycling",
    "Transport and highways",
    "Planning and regeneration",
    "Economic growth",
    "Community safety",
    "Public health",
    "Culture, leisure and libraries",
    "Digital and data",
    "Customer services",
    "Finance and procurement",
    "Workforce and culture",
    "Community budgets and place-based working",
]


def seed(apps, schema_editor):
    Theme = apps.get_model("ideas", "Theme")
    for name in THEMES:
        Theme.objects.get_or_create(slug=slugify(name), defaults={"name": name})


def unseed(apps, schema_editor):
    Theme = apps.get_model("ideas", "Theme")
    Theme.objects.filter(slug__in=[slugify(name) for name in THEMES], ideas=None).delete()


class Migration(migrations.Migration):
    dependencies = [("ideas", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
