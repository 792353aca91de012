#!/usr/bin/env bash
# Serve the demo on http://127.0.0.1:8000 with a background-task worker beside it. gunicorn with 2 sync workers
# (one per core, as in production) rather than runserver, which could not hold the public pages' 50 concurrent
# visitors (bench/portal.py). DEBUG is off, as in production, so that a visitor meets the site's own error pages
# (never Django's technical page with its list of every URL); static files are collected for WhiteNoise first.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_DEBUG=0
.venv/bin/python manage.py collectstatic --noinput -v0
# task_worker is db_worker that at its start, and then every minute, puts back in the queue the jobs of a worker that
# died mid-task (README "Production"), as in production.
.venv/bin/python manage.py task_worker --no-reload --interval 2 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM
echo
echo "Muflon demo: http://127.0.0.1:8000  (staff area: http://127.0.0.1:8000/app/, password for every demo login: demo-muflon)"
echo "Stop with Ctrl+C."
.venv/bin/gunicorn muflon.wsgi --workers 2 --bind 127.0.0.1:8000 --log-level warning
