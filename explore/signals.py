"""Which changes make which cached browse sections (explore/sections.py) out of date.

A change to an idea reaches idea lists only; a change to a pilot, its outcome or
its events reaches experiment lists only (a member's home shows both). Within
that, it reaches the audiences that could see the row before the change or can
see it after, read from the visibility rule itself (`audience_scopes` of the
level `Idea.audience_of` / `Pilot.audience_of` give for the row's status): everyone
for public rows, every council's members for rows shared with all councils, the
owning council and its partners for partners-only rows, the owning council alone
for council-only ones, withdrawn ideas and planned cards. A visibility, status or
council change reaches the union of before and after, so a narrowed row leaves at
once. A draft idea saved as a draft reaches no one: no list or count shows drafts.
Where the audience is not that simple, a change reaches everyone: an adopted
pilot (who sees it depends on the pilot it was adapted from) and any change to a
pilot's audience (its adoptions may narrow or widen with it). Anything else
listed (themes, councils, partnerships, a person's name, links between them)
reaches everyone.

Workflow verbs change a status with a conditional UPDATE, which sends no
signal; each verb also records an event, which does.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save

from councils.models import Council, Partnership
from councils.visibility import audience_scopes
from ideas.models import Idea, IdeaEvent, Theme
from outcomes.models import Outcome
from pilots.models import Pilot, PilotEvent

from .sections import EVERYONE, IDEAS, KINDS, PILOTS, content_changed

SHARED = [Theme, Council, Partnership]
SHARED_LINKS = [Partnership.councils.through]
# Rows with their own council and visibility, and the kind of list that shows them.
SCOPED = {Idea: IDEAS, Pilot: PILOTS}
# Rows seen through an idea or a pilot: (kind, the field naming it).
BELONGING = {IdeaEvent: (IDEAS, "idea"), PilotEvent: (PILOTS, "pilot"), Outcome: (PILOTS, "pilot")}
LOADED = "_explore_loaded_scope"  # (council_id, visibility) as loaded from the database
LOADED_DRAFT = "_explore_loaded_draft"  # whether an idea was a draft as loaded


def scopes_of(model, council_id, status, visibility, adapted=False):
    """Who sees a row of `model` with these values (the names of sections.py)."""
    if adapted:
        return {EVERYONE}
    level = model.audience_of(status, visibility)
    return audience_scopes(council_id, level) if level else set()


def current_scope(row):
    """(council_id, status, visibility, adapted) of a row, without loading a deferred field
    (None then)."""
    values = tuple(row.__dict__.get(field) for field in ("council_id", "status", "visibility"))
    if None in values:
        return None
    return (*values, isinstance(row, Pilot) and row.__dict__.get("adapted_from_id") is not None)


def is_draft(row):
    """A draft idea, which no explore list or count shows (False if its status is deferred)."""
    return isinstance(row, Idea) and row.__dict__.get("status") == Idea.Status.DRAFT


def remember_loaded_scope(sender, instance, **kwargs):
    """Keep who could see a row when it was loaded, to reach them too if a save narrows it.

    (For a row made in memory, that is who it was made for.) A save only reads
    what the row already holds: no query.
    """
    setattr(instance, LOADED, current_scope(instance))
    setattr(instance, LOADED_DRAFT, is_draft(instance))


def row_saved(sender, instance, created=False, **kwargs):
    if is_draft(instance) and (created or getattr(instance, LOADED_DRAFT, False)):
        return  # a draft saved as a draft: its author's alone, in no section
    setattr(instance, LOADED_DRAFT, is_draft(instance))
    now = current_scope(instance)
    before = None if created else getattr(instance, LOADED, None)
    if now is None or (before is None and not created):
        scopes = {EVERYONE}  # who saw it is not known: everyone
    elif sender is Pilot and before and before[2] != now[2]:
        scopes = {EVERYONE}  # its adoptions' audience follows it
    else:
        scopes = scopes_of(sender, *now) | (scopes_of(sender, *before) if before else set())
    content_changed(kinds=[SCOPED[sender]], scopes=scopes)
    setattr(instance, LOADED, now)


def row_deleted(sender, instance, **kwargs):
    if is_draft(instance) and getattr(instance, LOADED_DRAFT, False):
        return
    now = current_scope(instance)
    scopes = scopes_of(sender, *now) if now else [EVERYONE]
    content_changed(kinds=[SCOPED[sender]], scopes=scopes)


def belonging_changed(sender, instance, **kwargs):
    """An event or outcome reaches whoever sees its idea or pilot, before and after the
    change an event records (a status change can narrow or widen who sees the row, and an
    audience change can narrow or widen an adopted pilot's copies)."""
    kind, field = BELONGING[sender]
    model = sender._meta.get_field(field).related_model
    columns = ["council_id", "status", "visibility"]
    if model is Pilot:
        columns.append("adapted_from_id")
    row = model.objects.filter(pk=getattr(instance, f"{field}_id")).values_list(*columns).first()
    if row is None or getattr(instance, "audience", "") or getattr(instance, "redacted", False):
        content_changed(kinds=[kind], scopes=[EVERYONE])
        return
    council_id, status, visibility, *source = row
    adapted = bool(source and source[0])
    scopes = scopes_of(model, council_id, status, visibility, adapted)
    for old_status in {getattr(instance, "from_status", None)} - {None, status}:
        scopes |= scopes_of(model, council_id, old_status, visibility, adapted)
    content_changed(kinds=[kind], scopes=scopes or [EVERYONE])


def themes_changed(sender, instance, reverse=False, **kwargs):
    """A row's themes: its audiences; a theme's rows (from the theme's side): everyone."""
    kind = IDEAS if sender is Idea.themes.through else PILOTS
    scope = None if reverse else current_scope(instance)
    model = Idea if kind == IDEAS else Pilot
    content_changed(kinds=[kind], scopes=scopes_of(model, *scope) if scope else [EVERYONE])


def shared_changed(sender, **kwargs):
    content_changed(kinds=KINDS, scopes=[EVERYONE])


def person_changed(sender, update_fields=None, **kwargs):
    """A person's name shows on the ideas they wrote; signing in changes nothing listed."""
    if update_fields is not None and set(update_fields) <= {"last_login", "password"}:
        return
    content_changed(kinds=[IDEAS], scopes=[EVERYONE])


def connect():
    for model in SCOPED:
        uid = f"explore-{model._meta.label}"
        post_init.connect(remember_loaded_scope, sender=model, dispatch_uid=f"{uid}-init")
        post_save.connect(row_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(row_deleted, sender=model, dispatch_uid=f"{uid}-del")
    for model in BELONGING:
        uid = f"explore-{model._meta.label}"
        post_save.connect(belonging_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(belonging_changed, sender=model, dispatch_uid=f"{uid}-del")
    for through in (Idea.themes.through, Pilot.themes.through):
        m2m_changed.connect(themes_changed, sender=through, dispatch_uid=f"explore-{through}")
    for model in SHARED:
        uid = f"explore-{model._meta.label}"
        post_save.connect(shared_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(shared_changed, sender=model, dispatch_uid=f"{uid}-del")
    for through in SHARED_LINKS:
        m2m_changed.connect(shared_changed, sender=through, dispatch_uid=f"explore-{through}")
    post_save.connect(person_changed, sender=get_user_model(), dispatch_uid="explore-person")
