"""Start the test identity provider: `python -m tests.sso.idp.serve` with IDP_CONFIG set.

Sets up its SQLite database (tables, a signing key, its clients and people), then
serves on a free loopback port and prints "PORT <n>" once it is listening.
"""

import os
import socketserver
import sys
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

os.environ["DJANGO_SETTINGS_MODULE"] = "tests.sso.idp.settings"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.core.management import call_command  # noqa: E402
from oidc_provider.models import Client, ResponseType  # noqa: E402

PASSWORD = "idp-password-1"


class ThreadingServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def set_up():
    call_command("migrate", verbosity=0)
    call_command("creatersakey", stdout=open(os.devnull, "w"))  # noqa: SIM115
    for details in settings.CONFIG["people"]:
        User.objects.create_user(details["username"], details["email"], PASSWORD)
    code = ResponseType.objects.get(value="code")
    for details in settings.CONFIG["clients"]:
        client = Client.objects.create(
            name=details["client_id"],
            client_type="confidential",
            client_id=details["client_id"],
            client_secret=details["client_secret"],
            jwt_alg="RS256",
            require_consent=False,
            reuse_consent=True,
        )
        client.redirect_uris = details["redirect_uris"]
        client.save()
        client.response_types.add(code)


def main():
    set_up()
    server = make_server(
        "127.0.0.1", 0, WSGIHandler(), server_class=ThreadingServer, handler_class=QuietHandler
    )
    print(f"PORT {server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
