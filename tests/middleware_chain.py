"""One middleware chain per test process, as a server process has, not one per test client.

Django's test `Client` loads the whole middleware stack again for every new client.
WhiteNoise then reads every static file's details again (about 600 files): most of
the time of the permission grids, which make a client per person in every test.
A server loads its middleware once, so sharing one chain between clients also tests
what production runs. The chain is built again after any setting changes (the
`setting_changed` signal: the `settings` fixture, `override_settings`), since
middleware reads some settings only when it is built.
"""

from django.test.client import AsyncClientHandler, ClientHandler
from django.test.signals import setting_changed

# (handler class, is_async) -> what BaseHandler.load_middleware sets on the handler.
CHAINS = {}
LOADED = (
    "_view_middleware",
    "_template_response_middleware",
    "_exception_middleware",
    "_middleware_chain",
)


def forget_chains(**kwargs):
    CHAINS.clear()


def share_one_chain(handler_class):
    load_middleware = handler_class.load_middleware

    def load_middleware_once(self, is_async=False):
        key = (handler_class, is_async)
        if key not in CHAINS:
            load_middleware(self, is_async)
            CHAINS[key] = {name: getattr(self, name) for name in LOADED}
        for name, value in CHAINS[key].items():
            setattr(self, name, value)

    handler_class.load_middleware = load_middleware_once


def install():
    setting_changed.connect(forget_chains, dispatch_uid="tests.middleware_chain")
    share_one_chain(ClientHandler)
    share_one_chain(AsyncClientHandler)
