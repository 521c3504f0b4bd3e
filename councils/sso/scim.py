"""SCIM 2.0 Users (RFC 7643/7644) per council, so Entra ID's provisioning can add
people and remove leavers the day they leave.

Hand-written rather than django-scim2: that library serves one set of endpoints for
the whole site behind one authentication setting, and a user's deactivation as a
field update. Here each council has its own endpoint and bearer token, and a
deactivation must run `accounts.services.close_account`; overriding its middleware
and adapter for both came to more code than these few handlers.

The SCIM users of a council are its members; a person's SCIM id is their user id.
"""

import hashlib
import json
import secrets

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.views.decorators.csrf import csrf_exempt

from accounts.services import close_account

from ..models import IdentityProvider, Membership
from ..services import email_domain

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"
PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
CONTENT_TYPE = "application/scim+json"
MAX_COUNT = 100


def new_token():
    return secrets.token_urlsafe(32)


def hash_token(token):
    # The token is 256 random bits, so a fast hash is enough: nothing to guess.
    return hashlib.sha256(token.encode()).hexdigest()


def rotate_token(identity_provider):
    """A new bearer token for the council's provisioning; only its hash is kept."""
    token = new_token()
    identity_provider.scim_token_hash = hash_token(token)
    identity_provider.save(update_fields=["scim_token_hash", "updated_at"])
    return token


class ScimError(Exception):
    def __init__(self, status, detail, scim_type=None):
        super().__init__(detail)
        self.status, self.detail, self.scim_type = status, detail, scim_type


def respond(data, status=200):
    return JsonResponse(data, status=status, content_type=CONTENT_TYPE)


def error(status, detail, scim_type=None):
    body = {"schemas": [ERROR_SCHEMA], "status": str(status), "detail": detail}
    if scim_type:
        body["scimType"] = scim_type
    return respond(body, status)


def authorised_provider(request, slug):
    """The council's provider if the request carries its token; ScimError(401) otherwise,
    the same for a wrong token, another council's token and an unknown council."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    identity_provider = (
        IdentityProvider.objects.select_related("council").filter(council__slug=slug).first()
    )
    if (
        scheme.lower() != "bearer"
        or not token
        or identity_provider is None
        or not identity_provider.scim_token_hash
        or not constant_time_compare(hash_token(token.strip()), identity_provider.scim_token_hash)
    ):
        raise ScimError(401, "A valid bearer token for this council is needed.")
    IdentityProvider.objects.filter(pk=identity_provider.pk).update(last_scim_at=timezone.now())
    return identity_provider


def members(council):
    return get_user_model().objects.filter(membership__council=council).order_by("pk")


def resource(request, council, user):
    given, _, family = user.full_name.partition(" ")
    location = request.build_absolute_uri(
        reverse("scim:user", kwargs={"slug": council.slug, "pk": user.pk})
    )
    return {
        "schemas": [USER_SCHEMA],
        "id": str(user.pk),
        "userName": user.email,
        "displayName": user.full_name,
        "name": {"formatted": user.full_name, "givenName": given, "familyName": family},
        "emails": [{"value": user.email, "primary": True, "type": "work"}],
        "active": user.is_active,
        "meta": {"resourceType": "User", "location": location},
    }


def parse_body(request):
    try:
        body = json.loads(request.body or b"{}")
    except ValueError as exc:
        raise ScimError(400, "The request body is not JSON.", "invalidSyntax") from exc
    if not isinstance(body, dict):
        raise ScimError(400, "The request body must be a JSON object.", "invalidSyntax")
    return body


def as_bool(value):
    # Entra ID sends "False" and "True" as strings in PATCH operations.
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return bool(value)


def full_name_from(body):
    name = body.get("name") if isinstance(body.get("name"), dict) else {}
    formatted = body.get("displayName") or name.get("formatted")
    if not formatted:
        formatted = " ".join(p for p in (name.get("givenName"), name.get("familyName")) if p)
    return str(formatted or "").strip()[:150]


def parse_filter(text):
    """Only `userName eq "..."`, the one filter Entra ID sends."""
    field, _, rest = text.strip().partition(" ")
    operator, _, value = rest.strip().partition(" ")
    value = value.strip()
    if (
        field.lower() != "username"
        or operator.lower() != "eq"
        or len(value) < 2
        or value[0] != '"'
        or value[-1] != '"'
    ):
        raise ScimError(
            400, 'Only the filter userName eq "<address>" is supported.', "invalidFilter"
        )
    return value[1:-1].lower()


def as_int(value, default):
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return default


def list_users(request, council):
    people = members(council)
    if request.GET.get("filter"):
        people = people.filter(email__iexact=parse_filter(request.GET["filter"]))
    start = max(as_int(request.GET.get("startIndex"), 1), 1)
    count = min(as_int(request.GET.get("count"), MAX_COUNT), MAX_COUNT)
    total = people.count()
    page = list(people[start - 1 : start - 1 + count]) if count else []
    return respond(
        {
            "schemas": [LIST_SCHEMA],
            "totalResults": total,
            "startIndex": start,
            "itemsPerPage": len(page),
            "Resources": [resource(request, council, user) for user in page],
        }
    )


@transaction.atomic
def create_user(request, council):
    body = parse_body(request)
    email = str(body.get("userName") or "").strip().lower()
    domains = set(council.email_domains.values_list("domain", flat=True))
    if "@" not in email or email_domain(email) not in domains:
        raise ScimError(
            400,
            f"userName must be an email address at one of {council}'s domains.",
            "invalidValue",
        )
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None and hasattr(user, "membership"):
        raise ScimError(409, "A person with this userName already exists.", "uniqueness")
    if user is None:
        user = User.objects.create_user(email=email, full_name=full_name_from(body))
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    Membership.objects.create(user=user, council=council, role=Membership.Role.STAFF)
    if "active" in body and not as_bool(body["active"]):
        close(user)
        raise ScimError(400, "A new person cannot be created inactive.", "invalidValue")
    return respond(resource(request, council, user), 201)


def close(user):
    """A leaver: the one account-closure service (work kept, under a neutral label)."""
    try:
        close_account(person=user, by=None)
    except ValidationError as exc:
        raise ScimError(400, exc.messages[0], "mutability") from exc


def apply_changes(user, changes):
    """Name and active flag; a closed account cannot come back (RFC 7644 3.5.1)."""
    if "full_name" in changes and changes["full_name"] and changes["full_name"] != user.full_name:
        user.full_name = changes["full_name"]
        user.save(update_fields=["full_name"])
    if "active" in changes and not changes["active"]:
        close(user)


def patch_changes(body):
    if PATCH_SCHEMA not in (body.get("schemas") or []):
        raise ScimError(400, "A PATCH needs the PatchOp schema.", "invalidSyntax")
    changes = {}
    for operation in body.get("Operations") or []:
        if not isinstance(operation, dict) or str(operation.get("op", "")).lower() not in {
            "replace",
            "add",
        }:
            continue
        path, value = str(operation.get("path") or ""), operation.get("value")
        values = value if not path and isinstance(value, dict) else {path: value}
        for key, item in values.items():
            if key == "active":
                changes["active"] = as_bool(item)
            elif key in {"displayName", "name.formatted"}:
                changes["full_name"] = str(item or "").strip()[:150]
    return changes


@transaction.atomic
def change_user(request, council, user):
    body = parse_body(request)
    if request.method == "PATCH":
        changes = patch_changes(body)
    else:
        changes = {"full_name": full_name_from(body)}
        if "active" in body:
            changes["active"] = as_bool(body["active"])
    apply_changes(user, changes)
    user.refresh_from_db()
    return respond(resource(request, council, user))


@csrf_exempt
def users(request, slug):
    try:
        council = authorised_provider(request, slug).council
        if request.method == "GET":
            return list_users(request, council)
        if request.method == "POST":
            return create_user(request, council)
        raise ScimError(405, "Use GET or POST.")
    except ScimError as exc:
        return error(exc.status, exc.detail, exc.scim_type)


@csrf_exempt
def user(request, slug, pk):
    try:
        council = authorised_provider(request, slug).council
        person = members(council).filter(pk=pk).first()
        if person is None:
            raise ScimError(404, "No such person in this council.")
        if request.method == "GET":
            return respond(resource(request, council, person))
        if request.method in {"PATCH", "PUT"}:
            return change_user(request, council, person)
        if request.method == "DELETE":
            with transaction.atomic():
                close(person)
            return HttpResponse(status=204)
        raise ScimError(405, "Use GET, PATCH, PUT or DELETE.")
    except ScimError as exc:
        return error(exc.status, exc.detail, exc.scim_type)
