"""Who may do what at every URL: the one policy table.

The authorization sweep (test_authorization_sweep.py) checks every URL pattern
the resolver knows against this table, and fails for a pattern that has no
entry. docs/security.md shows the table rendered by `markdown_table()`
(test_policy_docs.py keeps the two in step).

The rules are written here from DESIGN.md and README, not imported from the
apps' permissions.py, so the sweep is an independent second opinion.
"""

from dataclasses import dataclass, field
from fnmatch import fnmatchcase

# What a response must be.
OK = "ok"  # 200, or a redirect that is not to a sign-in page
LOGIN = "login"  # a redirect to a sign-in page
HIDDEN = "404"  # invisible: never confirm it exists
REFUSED = "403"  # visible, not allowed
FORM = "form"  # visible, not allowed: the form comes back (200) and nothing changes
METHOD = "405"
BAD_LINK = "400"
UNAUTHORIZED = "401"  # allauth's "could not sign you in" page

PERSONS = (
    "visitor",
    "nina",
    "alice",
    "bob",
    "erin",
    "carol",
    "brent_manager",
    "brent_admin",
    "dan",
    "platform_admin",
)


@dataclass(frozen=True)
class Person:
    name: str
    council: str | None = None  # slug
    role: str | None = None  # staff, manager, council_admin
    superuser: bool = False

    @property
    def signed_in(self):
        return self.name != "visitor"


CAST = {
    "visitor": Person("visitor"),
    "nina": Person("nina"),
    "alice": Person("alice", "barnet", "staff"),
    "bob": Person("bob", "barnet", "manager"),
    "erin": Person("erin", "barnet", "council_admin"),
    "carol": Person("carol", "brent", "staff"),
    "brent_manager": Person("brent_manager", "brent", "manager"),
    "brent_admin": Person("brent_admin", "brent", "council_admin"),
    "dan": Person("dan", "leeds", "staff"),
    "platform_admin": Person("platform_admin", superuser=True),
}
PARTNERS = {"barnet": {"barnet", "brent"}, "brent": {"barnet", "brent"}, "leeds": {"leeds"}}


class P:
    """A predicate over (person, facts) that can say what it means in words."""

    def __init__(self, text, test):
        self.text = text
        self.test = test

    def __call__(self, person, facts):
        return bool(self.test(person, facts))

    def __and__(self, other):
        return P(f"{self.text} and {other.text}", lambda p, f: self(p, f) and other(p, f))

    def __or__(self, other):
        return P(f"({self.text} or {other.text})", lambda p, f: self(p, f) or other(p, f))

    def __invert__(self):
        return P(f"not {self.text}", lambda p, f: not self(p, f))

    def __str__(self):
        return self.text


def sees(person, facts):
    """DESIGN.md "Visibility", restated: drafts to their author, discarded cards to no one,
    withdrawn ideas and planned cards to their own council, then the four levels."""
    status = facts.get("status")
    if status == "draft":
        return person.name == facts.get("author")
    if status == "discarded":
        return False
    if status in {"withdrawn", "planned"}:
        return person.council is not None and person.council == facts["council"]
    level = facts["visibility"]
    if level == "public":
        return True
    if person.council is None:
        return False
    if level == "councils":
        return True
    if level == "partners":
        return person.council in PARTNERS[facts["council"]]
    return person.council == facts["council"]


def status_in(*statuses):
    return P("status is " + "/".join(statuses), lambda p, f: f.get("status") in set(statuses))


ANYONE = P("anyone", lambda p, f: True)
SIGNED_IN = P("signed in", lambda p, f: p.signed_in)
MEMBER = P("in a council", lambda p, f: p.council is not None)
ANY_MANAGER = P("a manager or council admin", lambda p, f: p.role in {"manager", "council_admin"})
SEES = P("can see it", sees)
AUTHOR = P("its author", lambda p, f: p.name == f.get("author"))
LEAD = P("its lead", lambda p, f: p.name == f.get("lead"))
OWN_MEMBER = P("of its council", lambda p, f: p.council == f.get("council"))
OWN_MANAGER = P(
    "a manager of its council",
    lambda p, f: p.council == f.get("council") and p.role in {"manager", "council_admin"},
)
COUNCIL_ADMIN = P(
    "its council admin or a platform admin",
    lambda p, f: p.superuser or (p.council == f.get("council") and p.role == "council_admin"),
)
SUPERUSER = P("a platform admin", lambda p, f: p.superuser)
CHILD_MATCHES = P("the object belongs to it", lambda p, f: not f.get("foreign_child"))
HAS_OUTCOME = P("it has an outcome", lambda p, f: f.get("has_outcome"))
HAS_ANSWERED_CHECK_IN = P("its check-in is answered", lambda p, f: f.get("check_in_answered"))
VALID_TOKEN = P("the link is valid", lambda p, f: f.get("valid_token"))
NOBODY = P("nobody", lambda p, f: False)
PRIVILEGED = P(
    "a manager, council admin or platform admin (they have an authenticator)",
    lambda p, f: p.superuser or p.role in {"manager", "council_admin"},
)
PUBLIC_THING = P("it is public", lambda p, f: sees(CAST["visitor"], f))
IN_CONVERSATION = P(
    "of the asker's council or the pilot's",
    lambda p, f: p.council is not None and p.council in {f.get("council"), f.get("asker_council")},
)
ASKER = P("its asker", lambda p, f: p.name == f.get("asker"))
WRITER = P("its writer", lambda p, f: p.name == f.get("writer"))
ASKER_MANAGER = P(
    "a manager of the asker's council",
    lambda p, f: p.council == f.get("asker_council") and p.role in {"manager", "council_admin"},
)
VALID_KEY = P("the key is valid", lambda p, f: False)  # the sweep only has made-up keys


@dataclass(frozen=True)
class Rule:
    """What one URL pattern allows.

    Checked in this order: sign-in (`login`), method (`methods`), 404 unless
    `see`, then `allow` (or `allow_post` for POST); a refusal is a 403 unless
    `refusal` says otherwise for that person.
    """

    objects: str | None = None  # which kind of object fills the path (world.py)
    login: bool = False
    gate: P | None = None  # checked before the method (Django admin): else a sign-in redirect
    methods: tuple = ("GET", "POST")
    see: P | None = None
    allow: P = ANYONE
    allow_post: P | None = None
    form_refusal: P | None = None  # refused with the form (200, nothing saved) instead of 403
    refusal: str = REFUSED
    note: str = ""
    extra: dict = field(default_factory=dict)

    def expect(self, method, person, facts):
        if self.login and not person.signed_in:
            return LOGIN
        if self.gate is not None and not self.gate(person, facts):
            return LOGIN
        if method not in self.methods:
            return METHOD
        if self.see is not None and not self.see(person, facts):
            return HIDDEN
        allow = self.allow_post if method == "POST" and self.allow_post else self.allow
        if allow(person, facts):
            return OK
        if self.form_refusal is not None and self.form_refusal(person, facts):
            return FORM
        return self.refusal


GET_ONLY = ("GET",)
POST_ONLY = ("POST",)
PUBLIC_PAGE = Rule(methods=GET_ONLY)
DOWNLOAD = Rule(
    methods=GET_ONLY,
    note="the page's rows; audited for members; visitors: 10,000 rows, 30 files a minute",
)
SIGNED_IN_PAGE = Rule(login=True, allow=SIGNED_IN)
LEAD_OR_MANAGER = LEAD | OWN_MANAGER


def council_admin_page(objects="council", **kwargs):
    """Council admins manage their own council: its staff are refused (403) before the
    member is looked up; those allowed find only their own council's members (404 otherwise)."""
    see = (OWN_MEMBER | SUPERUSER) & (CHILD_MATCHES | ~COUNCIL_ADMIN)
    return Rule(objects=objects, login=True, see=see, allow=COUNCIL_ADMIN, **kwargs)


def on_what_they_see(objects, **kwargs):
    """A signed-in page about an idea, pilot or comment: 404 unless the person can see it."""
    return Rule(objects=objects, login=True, see=SEES, **kwargs)


def report(objects, see):
    """A reader reports a comment or message they can see to its moderators: not its writer."""
    return Rule(objects=objects, login=True, methods=POST_ONLY, see=see, allow=~WRITER)


def pilot_step(status, **kwargs):
    """A step the lead or a manager of the pilot's council takes while it is `status`."""
    return on_what_they_see("pilot", allow=status_in(status) & LEAD_OR_MANAGER, **kwargs)


def django_admin(**kwargs):
    """A Django admin page: platform admins only; others are sent to sign in."""
    return Rule(objects="admin", login=True, gate=SUPERUSER, **kwargs)


def read_only_in_admin(model):
    """A model the admin lists and shows but never writes: its other admin pages are
    refused, and its change page takes no POST."""
    return {
        f"admin:{model}_*": django_admin(allow=NOBODY),
        f"admin:{model}_changelist": django_admin(),
        f"admin:{model}_history": django_admin(),
        f"admin:{model}_change": django_admin(allow_post=NOBODY),
    }


def bearer_token_only(objects):
    return Rule(
        objects=objects,
        allow=NOBODY,
        refusal=UNAUTHORIZED,
        note="401 without the council's bearer token",
    )


def no_council_sign_in(**kwargs):
    note = "404 for a council without its own sign-in, as in the sweep's world"
    return Rule(allow=NOBODY, refusal=HIDDEN, note=note, **kwargs)


MEMBER_ADMIN = council_admin_page()

POLICY = {
    # Project pages.
    "home": PUBLIC_PAGE,
    "healthz": PUBLIC_PAGE,
    "metrics": Rule(
        methods=GET_ONLY, see=NOBODY, note="only a scraper with the METRICS_TOKEN bearer token"
    ),
    "favicon": PUBLIC_PAGE,
    "pages:*": PUBLIC_PAGE,
    # allauth: sign-in, sign-up, reset and MFA pages answer everyone alike; the
    # signed-in ones send visitors to sign in.
    "account_*": Rule(note="allauth's own checks; never a 403, 404 or 500"),
    "account_inactive": PUBLIC_PAGE,
    "account_email_verification_sent": PUBLIC_PAGE,
    "account_reset_password_done": PUBLIC_PAGE,
    "account_reset_password_from_key_done": PUBLIC_PAGE,
    "account_confirm_email": Rule(
        allow_post=VALID_KEY, refusal=HIDDEN, note="a made-up key: the page says so; POST 404"
    ),
    "account_email": Rule(login=True),
    "account_change_password": Rule(login=True),
    "account_set_password": Rule(login=True),
    "account_reauthenticate": Rule(login=True),
    "account_request_reauthentication_code": Rule(login=True),
    "account_confirm_reauthentication_code": Rule(login=True),
    "account_confirm_login_code": Rule(login=True, note="only during a sign-in by code"),
    "mfa_*": Rule(login=True, note="sets up TOTP and recovery codes for the person signed in"),
    "mfa_index": Rule(login=True, methods=GET_ONLY),
    "mfa_deactivate_totp": Rule(login=True, allow=PRIVILEGED, refusal=HIDDEN),
    "mfa_view_recovery_codes": Rule(
        login=True, methods=GET_ONLY, allow=NOBODY, refusal=HIDDEN, note="none generated yet"
    ),
    "mfa_download_recovery_codes": Rule(
        login=True, allow=NOBODY, refusal=HIDDEN, note="none generated yet"
    ),
    "accounts:profile": SIGNED_IN_PAGE,
    "accounts:close": Rule(
        login=True, allow=SIGNED_IN, note="after entering their password again, through allauth"
    ),
    "accounts:closed": PUBLIC_PAGE,
    # Councils and partnerships are public reference data.
    "councils:list": PUBLIC_PAGE,
    "councils:partnerships": PUBLIC_PAGE,
    # Explore: read-only views, every list starts from visible_to(user).
    "explore:experiments": PUBLIC_PAGE,
    "explore:ideas": PUBLIC_PAGE,
    "explore:did_not_work": PUBLIC_PAGE,
    "explore:council": Rule(objects="council", methods=GET_ONLY),
    "explore:partnership": Rule(objects="partnership", methods=GET_ONLY),
    "explore:similar": Rule(login=True, methods=GET_ONLY),
    "explore:similar_to_idea": Rule(objects="idea", methods=GET_ONLY, see=SEES),
    "explore:feed": Rule(methods=GET_ONLY, note="public outcomes only"),
    "explore:council_feed": Rule(objects="council", methods=GET_ONLY, note="public outcomes only"),
    "explore:partnership_feed": Rule(
        objects="partnership", methods=GET_ONLY, note="public outcomes only"
    ),
    # The savings ledgers and dashboards: figures from what the person sees.
    "explore:ledger": Rule(methods=GET_ONLY, note="figures from what the person may see"),
    "explore:council_ledger": Rule(objects="council", methods=GET_ONLY),
    "explore:partnership_ledger": Rule(objects="partnership", methods=GET_ONLY),
    # Downloads of the lists above: the same rows as the page, for the same people.
    "explore:experiments_*": DOWNLOAD,
    "explore:ideas_*": DOWNLOAD,
    "explore:did_not_work_*": DOWNLOAD,
    "explore:outcomes_*": DOWNLOAD,
    "explore:councils_*": DOWNLOAD,
    "explore:partnerships_*": DOWNLOAD,
    "explore:council_csv": Rule(objects="council", methods=GET_ONLY, note=DOWNLOAD.note),
    "explore:council_xlsx": Rule(objects="council", methods=GET_ONLY, note=DOWNLOAD.note),
    "explore:partnership_csv": Rule(objects="partnership", methods=GET_ONLY, note=DOWNLOAD.note),
    "explore:partnership_xlsx": Rule(objects="partnership", methods=GET_ONLY, note=DOWNLOAD.note),
    # Open data: what a visitor may see, whoever asks (a session never widens it).
    "open_data": PUBLIC_PAGE,
    "open_data_outcomes": Rule(
        methods=GET_ONLY, see=NOBODY, note="404 until the first nightly file is written"
    ),
    "api:*": Rule(methods=GET_ONLY, note="public things only, whoever asks; 120 a minute"),
    "api:api-root": Rule(methods=GET_ONLY, see=NOBODY, note="no index: /open-data/ lists it"),
    "api:council": Rule(objects="council", methods=GET_ONLY),
    "api:pilot": Rule(
        objects="pilot", methods=GET_ONLY, see=PUBLIC_THING, note="404 unless it is public"
    ),
    "api:outcome": Rule(
        objects="pilot", methods=GET_ONLY, see=PUBLIC_THING & HAS_OUTCOME, note="404 unless public"
    ),
    # Council admins manage their own council; its staff get 403, outsiders 404.
    "members:list": MEMBER_ADMIN,
    "members:change_role": council_admin_page("membership", methods=POST_ONLY),
    "members:remove": council_admin_page("membership"),
    "members:requests": MEMBER_ADMIN,
    "members:approve": council_admin_page("membership_request", methods=POST_ONLY),
    "members:decline": council_admin_page("membership_request", methods=POST_ONLY),
    "members:domains": MEMBER_ADMIN,
    "members:remove_domain": council_admin_page("email_domain"),
    "members:audit": council_admin_page(methods=GET_ONLY, note="the council's security log"),
    # Managers close the accounts of their own council's leavers (not their own).
    "people:list": Rule(
        objects="council",
        login=True,
        methods=GET_ONLY,
        see=OWN_MEMBER | SUPERUSER,
        allow=OWN_MANAGER | SUPERUSER,
    ),
    "people:close": Rule(
        objects="membership",
        login=True,
        see=(OWN_MEMBER | SUPERUSER) & (CHILD_MATCHES | ~(OWN_MANAGER | SUPERUSER)),
        allow=OWN_MANAGER | SUPERUSER,
    ),
    "members:sso": MEMBER_ADMIN,
    "members:sso_test": council_admin_page(
        methods=POST_ONLY, note="fetches the council's provider's discovery document"
    ),
    "members:scim_token": council_admin_page(
        methods=POST_ONLY, note="a new provisioning token, shown once"
    ),
    # SCIM provisioning: the council's bearer token is the authority, never a session.
    "scim:*": bearer_token_only("council"),
    "scim:user": bearer_token_only("membership"),
    # Council sign-in (councils/sso): anyone may start one; the email picks the council.
    "councils:sso_start": Rule(note="the form comes back with an error for a council without one"),
    "openid_connect_login": no_council_sign_in(methods=POST_ONLY),
    "openid_connect_callback": no_council_sign_in(),
    "socialaccount_login_cancelled": PUBLIC_PAGE,
    "socialaccount_login_error": Rule(
        methods=GET_ONLY, allow=NOBODY, refusal=UNAUTHORIZED, note="allauth's error page"
    ),
    "socialaccount_signup": Rule(
        allow=NOBODY,
        refusal=LOGIN,
        note="only in a council sign-in that needs more details; otherwise back to sign-in",
    ),
    "socialaccount_connections": Rule(login=True),
    "(unnamed) social/*": Rule(note="allauth's old addresses: permanent redirects to the above"),
    "join:request": SIGNED_IN_PAGE,
    # Ideas.
    "ideas:list": PUBLIC_PAGE,
    "ideas:create": Rule(login=True, allow=MEMBER),
    "ideas:mine": Rule(login=True, methods=GET_ONLY),
    "ideas:review_queue": Rule(login=True, methods=GET_ONLY, allow=ANY_MANAGER),
    "ideas:detail": Rule(objects="idea", methods=GET_ONLY, see=SEES),
    "ideas:edit": on_what_they_see("idea", allow=AUTHOR & status_in("draft", "submitted")),
    "ideas:withdraw": on_what_they_see(
        "idea",
        allow=AUTHOR,
        allow_post=AUTHOR & status_in("submitted", "in_review", "parked"),
        form_refusal=AUTHOR,
    ),
    "ideas:review": on_what_they_see("idea", allow=OWN_MANAGER & ~status_in("draft")),
    "ideas:audience": on_what_they_see("idea", allow=OWN_MANAGER & ~status_in("draft")),
    "ideas:comment": on_what_they_see("idea", methods=POST_ONLY, allow=~status_in("draft")),
    "ideas:hide_comment": Rule(
        objects="comment", login=True, see=SEES & CHILD_MATCHES, allow=AUTHOR | OWN_MANAGER
    ),
    "ideas:report_comment": report("comment", SEES & CHILD_MATCHES),
    "ideas:endorse": on_what_they_see(
        "idea", methods=POST_ONLY, allow=MEMBER & ~AUTHOR & ~status_in("draft")
    ),
    "ideas:unendorse": on_what_they_see("idea", methods=POST_ONLY),
    # Pilots.
    "pilots:list": PUBLIC_PAGE,
    "pilots:awaiting": Rule(login=True, methods=GET_ONLY, allow=MEMBER),
    "pilots:create": on_what_they_see("idea", allow=OWN_MANAGER & status_in("accepted")),
    "pilots:detail": Rule(objects="pilot", methods=GET_ONLY, see=SEES),
    "pilots:edit": pilot_step(
        "planned", note="403 for all once signed off: its lead and managers are told it is locked"
    ),
    "pilots:sign_off": on_what_they_see("pilot", allow=status_in("planned") & OWN_MANAGER),
    "pilots:ask_for_sign_off": pilot_step("planned", methods=POST_ONLY),
    "pilots:discard": pilot_step("planned"),
    "pilots:audience": on_what_they_see(
        "pilot", allow=OWN_MANAGER & ~status_in("planned", "discarded")
    ),
    "pilots:add_update": pilot_step("running"),
    "pilots:complete": pilot_step("running"),
    "pilots:stop_early": pilot_step("running"),
    "pilots:adopt": on_what_they_see("pilot", allow=MEMBER & ~OWN_MEMBER),
    "pilots:comment": on_what_they_see("pilot", note="the comment form; a post adds a comment"),
    "pilots:hide_comment": Rule(
        objects="pilot_comment", login=True, see=SEES & CHILD_MATCHES, allow=LEAD_OR_MANAGER
    ),
    "pilots:report_comment": report("pilot_comment", SEES & CHILD_MATCHES),
    # Ask the team: other councils' staff ask; the two councils read the conversation.
    "pilots:ask": on_what_they_see("pilot", allow=MEMBER & ~OWN_MEMBER),
    "pilots:question": Rule(
        objects="question",
        login=True,
        see=SEES & IN_CONVERSATION & CHILD_MATCHES,
        allow_post=LEAD_OR_MANAGER | ASKER,
    ),
    "pilots:report_message": report("message", SEES & IN_CONVERSATION),
    "pilots:hide_message": Rule(
        objects="message",
        login=True,
        see=SEES & IN_CONVERSATION,
        allow=OWN_MANAGER | ASKER_MANAGER,
    ),
    # Outcomes follow their pilot.
    "outcomes:list": PUBLIC_PAGE,
    "outcomes:detail": Rule(objects="pilot", methods=GET_ONLY, see=SEES & HAS_OUTCOME),
    "outcomes:comment": Rule(objects="pilot", login=True, see=SEES & HAS_OUTCOME),
    "outcomes:hide_comment": Rule(
        objects="outcome_comment",
        login=True,
        see=SEES & HAS_OUTCOME & CHILD_MATCHES,
        allow=LEAD_OR_MANAGER,
    ),
    "outcomes:report_comment": report("outcome_comment", SEES & HAS_OUTCOME & CHILD_MATCHES),
    "outcomes:write": on_what_they_see(
        "pilot",
        allow=status_in("running") & LEAD_OR_MANAGER & ~HAS_OUTCOME,
        form_refusal=LEAD_OR_MANAGER & HAS_OUTCOME,
        note="once published, a page says so and links to it",
    ),
    # Evidence files (issue 19): attached and removed by the people who run the pilot,
    # downloaded by whoever can see it; a POST without a file brings the form back with
    # its error.
    "evidence:attach_to_pilot": on_what_they_see("pilot", allow=LEAD_OR_MANAGER),
    "evidence:attach_to_outcome": Rule(
        objects="pilot", login=True, see=SEES & HAS_OUTCOME, allow=LEAD_OR_MANAGER
    ),
    "evidence:download": Rule(
        objects="evidence_file", methods=GET_ONLY, see=SEES, note="an attachment, never a page"
    ),
    "evidence:remove": on_what_they_see("evidence_file", allow=LEAD_OR_MANAGER),
    "admin:evidence_evidencefile_add": django_admin(
        allow=NOBODY, note="files are uploaded on the site, where they are checked"
    ),
    "admin:evidence_evidencefile_change": django_admin(allow_post=NOBODY),
    # Benefit check-ins: each outcome in the sweep's world has a 6-month one, due, and
    # answered on the completed pilot: answered once, then only corrected.
    "outcomes:check_in": Rule(
        objects="pilot",
        login=True,
        see=SEES & HAS_OUTCOME,
        allow=LEAD_OR_MANAGER & ~HAS_ANSWERED_CHECK_IN,
        form_refusal=LEAD_OR_MANAGER,
        note="told it is recorded (with a link to correct it), or when it will be due",
    ),
    "outcomes:correct_check_in": Rule(
        objects="pilot",
        login=True,
        see=SEES & HAS_OUTCOME & HAS_ANSWERED_CHECK_IN,
        allow=LEAD_OR_MANAGER,
    ),
    # Digests: the signed token in the link is the authority, not a session.
    "digests:preferences": SIGNED_IN_PAGE,
    "digests:unsubscribe": Rule(objects="token", allow=VALID_TOKEN, refusal=BAD_LINK),
    "digests:resubscribe": Rule(
        objects="token", methods=POST_ONLY, allow=VALID_TOKEN, refusal=BAD_LINK
    ),
    # Notifications, My work, and following what one may see (a GET goes to its page).
    "notifications:list": Rule(login=True, methods=GET_ONLY),
    "notifications:mark_read": Rule(login=True, methods=POST_ONLY, note="one's own only"),
    "notifications:my_work": Rule(login=True, methods=GET_ONLY),
    "notifications:follow_idea": on_what_they_see("idea"),
    "notifications:unfollow_idea": on_what_they_see("idea"),
    "notifications:follow_pilot": on_what_they_see("pilot"),
    "notifications:unfollow_pilot": on_what_they_see("pilot"),
    "notifications:*follow_council": Rule(objects="council", login=True),
    "notifications:*follow_partnership": Rule(objects="partnership", login=True),
    # Django admin: platform admins only, signed in through allauth (MFA, rate limits).
    "admin:login": Rule(allow=SUPERUSER, login=True),
    "admin:*": django_admin(),
    "admin:logout": Rule(
        allow=~SUPERUSER,
        allow_post=ANYONE,
        refusal=METHOD,
        note="signing out is POST only; others are sent to the admin home",
    ),
    "admin:password_change_done": django_admin(methods=GET_ONLY),
    "admin:jsi18n": django_admin(methods=GET_ONLY),
    # Read-only history: ideas are never deleted and their events never written by hand.
    "admin:ideas_idea_delete": django_admin(allow=NOBODY),
    **read_only_in_admin("ideas_ideaevent"),
    # The audit log is written by the site only.
    **read_only_in_admin("audit_auditevent"),
    # Outgoing email is written by the service and read in the admin, never by hand.
    "admin:outbox_outgoingemail_add": django_admin(allow=NOBODY),
    "admin:outbox_outgoingemail_change": django_admin(allow_post=NOBODY),
    # Comments, messages and endorsements are made on the site, not in the admin.
    "admin:ideas_comment_add": django_admin(allow=NOBODY),
    "admin:ideas_endorsement_add": django_admin(allow=NOBODY),
    "admin:pilots_pilotcomment_add": django_admin(allow=NOBODY),
    "admin:outcomes_outcomecomment_add": django_admin(allow=NOBODY),
    "admin:pilots_message_add": django_admin(allow=NOBODY),
    # Conversations between councils are read in the admin, never written there.
    **read_only_in_admin("pilots_question"),
    "admin:autocomplete": Rule(
        login=True,
        gate=SUPERUSER,
        methods=GET_ONLY,
        allow=P("given a model and field", lambda p, f: False),
        note="platform admins without the query parameters get 403",
    ),
}


def entry_for(name):
    """The policy key for a URL name: the exact entry, else the longest matching pattern."""
    if name in POLICY:
        return name
    matches = [key for key in POLICY if "*" in key and fnmatchcase(name, key)]
    return max(matches, key=len) if matches else None


def rule_for(name):
    key = entry_for(name)
    return POLICY[key] if key else None


def describe(rule):
    who = "anyone"
    if rule.see is not None:
        who = f"404 unless {rule.see}; "
        who += f"allowed if {rule.allow}"
    elif rule.allow is not ANYONE:
        who = str(rule.allow)
    if rule.gate is not None:
        who = f"{rule.gate} (others: sign-in redirect)" + ("" if who == "anyone" else f"; {who}")
    if rule.allow_post is not None:
        who += f"; POST if {rule.allow_post}"
    if rule.form_refusal is not None:
        who += f"; {rule.form_refusal} is refused with the form"
    return who


def markdown_table():
    rows = [
        "| URL name | signed in | methods | who (otherwise 403 unless noted) | refused with |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, rule in POLICY.items():
        who = describe(rule)
        if rule.note:
            who += f" ({rule.note})"
        login = "yes" if rule.login else "no"
        refusal = {BAD_LINK: "400", UNAUTHORIZED: "401"}.get(rule.refusal, "403")
        if rule.allow is ANYONE and rule.see is None:
            refusal = "—"
        rows.append(f"| `{name}` | {login} | {', '.join(rule.methods)} | {who} | {refusal} |")
    return "\n".join(rows)
