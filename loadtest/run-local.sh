#!/usr/bin/env bash
# `make loadtest`: the load test against gunicorn on PostgreSQL and Redis at real volume.
#
# A database of its own (SCALE_DATABASE_URL) is created, migrated and loaded once with
# seed_scale (GRADUATES x POSTINGS; about three minutes), matched once by a Celery worker, then
# served by gunicorn with production settings on LOADTEST_PORT while `python -m loadtest` runs.
# The worker and gunicorn stop when the script ends. The report goes to stdout and, as JSON, to
# var/loadtest/. Extra arguments for `python -m loadtest` go in LOADTEST_ARGS.
set -euo pipefail

BIN=${BIN:-.venv/bin}
GRADUATES=${GRADUATES:-100000}
POSTINGS=${POSTINGS:-10000}
PORT=${LOADTEST_PORT:-8010}
WORKERS=${GUNICORN_WORKERS:-3}
OUT=${LOADTEST_OUT:-var/loadtest}
export DATABASE_URL=${SCALE_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/talentbridge_scale}
export REDIS_URL=${SCALE_REDIS_URL:-redis://127.0.0.1:6379/5}
export DJANGO_ENV=production DJANGO_DEBUG=false DJANGO_SECRET_KEY=load-test-only
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost DJANGO_SECURE_SSL_REDIRECT=false
export MATCHING_STATE_DIR=$PWD/$OUT/matching-state
# The load test asks for searches and pages far faster than any one person: no throttling.
export API_THROTTLE_SEARCH=1000000/min API_THROTTLE_APPLY=1000000/min
# ... nor a limit on the candidates a member opens (CANDIDATE_READS_MAX, a guard against scraping).
export CANDIDATE_READS_MAX=1000000
mkdir -p "$OUT" "$MATCHING_STATE_DIR"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

"$BIN/python" - <<'EOF'
import os, psycopg
from urllib.parse import urlsplit
url = urlsplit(os.environ["DATABASE_URL"])
name = url.path.lstrip("/")
admin = url._replace(path="/postgres").geturl()
with psycopg.connect(admin, autocommit=True) as conn:
    if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        conn.execute(f'CREATE DATABASE "{name}"')
        print(f"created database {name}")
    # As docker-compose.yml runs PostgreSQL: planner costs for SSD storage.
    conn.execute(f'ALTER DATABASE "{name}" SET random_page_cost = 1.1')
    conn.execute(f'ALTER DATABASE "{name}" SET effective_cache_size = \'2GB\'')
EOF
"$BIN/python" manage.py migrate --noinput -v 0
have=$("$BIN/python" manage.py shell -v 0 -c \
  "from profiles.models import GraduateProfile; print(GraduateProfile.objects.count())")
if [ "$have" -lt "$GRADUATES" ]; then
  "$BIN/python" manage.py seed_scale --graduates "$GRADUATES" --postings "$POSTINGS"
fi
"$BIN/python" manage.py collectstatic --noinput -v 0

"$BIN/celery" -A config worker -Q default,matching,notifications -c 1 -l WARNING \
  > "$OUT/worker.log" 2>&1 &
pids+=($!)
current=$("$BIN/python" manage.py shell -v 0 -c \
  "from matching.models import MatchRun; print(MatchRun.objects.filter(is_current=True).count())")
if [ "$current" = 0 ]; then
  echo "matching everyone once (a full run through the worker)..."
  "$BIN/python" manage.py matching_run_bench --edits 1 > "$OUT/matching.json"
fi
# What Celery beat does every hour (and the worker after each full run): the public postings'
# matching facts kept for the pages (matching.services.warming).
"$BIN/python" manage.py shell -v 0 -c \
  "from matching.services import public_posting_facts_warm; public_posting_facts_warm()"
"$BIN/python" manage.py loadtest_prepare --out "$OUT/fixture.json"

"$BIN/gunicorn" config.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
  --timeout 60 > "$OUT/gunicorn.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" > /dev/null 2>&1 && break
  sleep 0.5
done

report="$OUT/report-$(date +%Y%m%d-%H%M%S).json"
# shellcheck disable=SC2086
"$BIN/python" -m loadtest --base-url "http://127.0.0.1:$PORT" --fixture "$OUT/fixture.json" \
  --json "$report" ${LOADTEST_ARGS:-}
echo "figures: $report"
