"""How the test provider describes each person, and the faults it can be told to make.

A person's `quirk` (in IDP_CONFIG) makes their ID token go wrong in one way:
`expired` (already past its expiry), `other_issuer` (names another tenant as issuer),
`tampered` (a claim changed after signing, as an attacker on the way would).
"""

import base64
import json

from django.conf import settings

OTHER_ISSUER = "https://login.microsoftonline.com/another-organisation/v2.0"


def person(user):
    return settings.PEOPLE[user.username]


def sub(user):
    return f"{settings.TENANT}-{user.username}"


def userinfo(claims, user):
    details = person(user)
    claims["name"] = details["name"]
    claims["email"] = details["email"]
    # Entra ID sends the sign-in name as preferred_username and no email_verified.
    claims["preferred_username"] = details["email"]
    return claims


def id_token(id_token, user, token, request, **kwargs):
    details = person(user)
    id_token["amr"] = details.get("amr", ["pwd"])
    id_token["tid"] = settings.TENANT
    quirk = details.get("quirk")
    if quirk == "expired":
        id_token["exp"] = id_token["iat"] - 300
    elif quirk == "other_issuer":
        id_token["iss"] = OTHER_ISSUER
    elif quirk == "tampered":
        id_token["tamper_with_me"] = True
    return id_token


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class TamperMiddleware:
    """Changes the email claim of a signed ID token marked for tampering, keeping the
    original signature: what an attacker between the provider and Idea Bank would do."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.rstrip("/").endswith("/token") or response.status_code != 200:
            return response
        body = json.loads(response.content)
        header, payload, signature = body["id_token"].split(".")
        claims = json.loads(unb64(payload))
        if claims.pop("tamper_with_me", False):
            claims["email"] = "bob@barnet.gov.uk"
            body["id_token"] = ".".join([header, b64(json.dumps(claims).encode()), signature])
            response.content = json.dumps(body).encode()
            response["Content-Length"] = str(len(response.content))
        return response
