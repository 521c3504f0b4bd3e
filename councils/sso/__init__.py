"""Sign-in with a council's own account (OpenID Connect), and provisioning (SCIM)."""
