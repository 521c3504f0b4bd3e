# One image for web, worker, beat and the migrate step (docker-compose.yml picks the command).
FROM python:3.11.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 1000 ideabank \
    && mkdir -p /var/lib/celery \
    && chown ideabank:ideabank /var/lib/celery
WORKDIR /app

# libmagic reads the type of each uploaded evidence file from its content (python-magic).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libmagic1 \
    && rm -rf /var/lib/apt/lists/*

# Every dependency at the version and hash in the lock file, nothing resolved afresh.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

# The site runs from its source folder: the project installs no package of its own.
COPY --chown=ideabank:ideabank . .
# collectstatic needs settings to import; the real secret comes at run time.
RUN SECRET_KEY=build-only-not-secret DEBUG=0 python manage.py collectstatic --noinput

USER ideabank
EXPOSE 8000
# /healthz is answered before host validation, so 127.0.0.1 works whatever ALLOWED_HOSTS says.
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=6 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["gunicorn", "-c", "gunicorn.conf.py", "ideabank.wsgi:application"]
