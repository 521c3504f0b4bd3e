# One image for web, worker and beat (docker-compose.yml picks the command).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1

RUN useradd --create-home --uid 1000 ideabank
WORKDIR /app

COPY pyproject.toml ./
RUN pip install --upgrade pip && pip install .

COPY --chown=ideabank:ideabank . .
# collectstatic needs settings to import; the real secret comes at run time.
RUN SECRET_KEY=build-only-not-secret DEBUG=0 python manage.py collectstatic --noinput

USER ideabank
EXPOSE 8000
CMD ["gunicorn", "ideabank.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
