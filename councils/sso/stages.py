"""The council sign-in's step in allauth's sign-in flow (named in accounts.adapters)."""

from allauth.mfa.stages import AuthenticateStage

from ..middleware import provider_did_mfa


class AuthenticateUnlessProviderDid(AuthenticateStage):
    """allauth's "enter your authenticator code" step, skipped when the person signed in
    through their council's account and it did multi-factor authentication."""

    def handle(self):
        sociallogin = (self.login.signal_kwargs or {}).get("sociallogin")
        if provider_did_mfa(self.login.user, sociallogin):
            return None, True
        return super().handle()
