"""Sign-in backends that load the person's council membership with them.

Every page shows the person's council and role in the header and checks them
for permissions, so loading the user, their membership and its council in one
query saves two queries on every page. Only `get_user` changes; signing in is
Django's (admin) and allauth's (email).
"""

from allauth.account import auth_backends
from django.contrib.auth import backends, get_user_model


class MembershipInOneQuery:
    def get_user(self, user_id):
        people = get_user_model()._default_manager.select_related("membership__council")
        try:
            user = people.get(pk=user_id)
        except people.model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class ModelBackend(MembershipInOneQuery, backends.ModelBackend):
    pass


class AuthenticationBackend(MembershipInOneQuery, auth_backends.AuthenticationBackend):
    pass
