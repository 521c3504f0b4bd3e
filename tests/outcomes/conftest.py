# The cast and pilot makers are shared with the pilots tests.
from ..pilots.conftest import amir, clients, make_pilot, people  # noqa: F401
