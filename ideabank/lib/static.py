"""Headers for static files, which WhiteNoise serves before CSP's middleware sees them."""

# Static files are ours (CSS, scripts, fonts, images); nothing they contain should
# load anything else. Matters most for an SVG opened on its own, where a script
# would otherwise run with the site's origin.
STATIC_FILE_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'self'; font-src 'self'"


def add_static_headers(headers, path, url):
    """WHITENOISE_ADD_HEADERS_FUNCTION: a strict policy on every static file."""
    headers["Content-Security-Policy"] = STATIC_FILE_POLICY
