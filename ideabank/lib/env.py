"""Read settings from environment variables, refusing values they do not understand.

A typo such as SECURE_SSL_REDIRECT=flase must stop the service with a message
naming the variable, not quietly read as "off" (HC's envbool does the same).
An empty value counts as unset, as compose passes `${NAME:-}` through empty.
"""

import os

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off")


def env_value(name):
    value = os.environ.get(name, "").strip()
    return value or None


def env_bool(name, default=False):
    value = env_value(name)
    if value is None:
        return default
    if value.lower() in TRUE_WORDS:
        return True
    if value.lower() in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is neither on nor off: use one of "
        f"{', '.join(TRUE_WORDS)} (on) or {', '.join(FALSE_WORDS)} (off)."
    )


def env_int(name, default, *, minimum=0):
    value = env_value(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or number < minimum:
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a whole number of at least {minimum}: "
            f"set it to a number such as {default}, or leave it out for {default}."
        )
    return number


def env_float(name, default, *, minimum=0.0, maximum=None):
    value = env_value(name)
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        number = None
    if number is None or number < minimum or (maximum is not None and number > maximum):
        upper = f" and at most {maximum}" if maximum is not None else ""
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a number of at least {minimum}{upper}: "
            f"leave it out for {default}."
        )
    return number


def env_choice(name, default, choices):
    value = env_value(name)
    if value is None:
        return default
    # Case does not matter: LOG_LEVEL=warning and LOG_LEVEL=WARNING are the same choice.
    chosen = next((choice for choice in choices if choice.lower() == value.lower()), None)
    if chosen is None:
        raise ImproperlyConfigured(f"{name}={value!r} is not one of: {', '.join(choices)}.")
    return chosen


def env_list(name, default=""):
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]
