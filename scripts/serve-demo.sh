#!/usr/bin/env bash
# Serve the demo on http://127.0.0.1:8000 with a background-task worker beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python manage.py db_worker --no-reload --interval 2 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM
echo
echo "Muflon demo: http://127.0.0.1:8000  (staff area: http://127.0.0.1:8000/app/, password for every demo login: demo-muflon)"
echo "Stop with Ctrl+C."
.venv/bin/python manage.py runserver 127.0.0.1:8000
