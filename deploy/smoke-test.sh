#!/bin/sh
# Start Suunta's image as production would (read-only, tmpfs for /tmp and /var/lib/suunta) but
# with no network at all, so that anything it tried to download at start would fail, and check:
# the HEALTHCHECK turns healthy, /health answers, /api/chat answers in fi, sv and en with
# sources, the process runs as uid 10001, and the index cannot be written.
#
#   deploy/smoke-test.sh [IMAGE]        # default suunta:latest; exit 0 when every check passes
set -eu

IMAGE=${1:-suunta:latest}
NAME=suunta-smoke-$$
fail() { echo "FAIL: $*" >&2; docker logs --tail 30 "$NAME" >&2 || true; exit 1; }
trap 'docker rm -f "$NAME" >/dev/null 2>&1 || true' EXIT INT TERM

started=$(date +%s)
docker run -d --name "$NAME" --network none --read-only \
    --tmpfs /tmp --tmpfs /var/lib/suunta:uid=10001,gid=10001,mode=0700 "$IMAGE" >/dev/null

# The HEALTHCHECK probes every 15 s after a 60 s start period: poll /health ourselves for the
# start-up time, then wait for Docker's own verdict.
until docker exec "$NAME" python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/health', timeout=2)" 2>/dev/null; do
    [ "$(docker inspect -f '{{.State.Running}}' "$NAME")" = true ] || fail "the container stopped"
    [ $(($(date +%s) - started)) -lt 300 ] || fail "/health did not answer within 300 s"
    sleep 1
done
echo "ok: /health answers $(($(date +%s) - started)) s after docker run (no network)"

docker exec -i "$NAME" python - <<'EOF' || fail "chat checks"
import json
import urllib.request

QUESTIONS = {
    "fi": "Miten pääsen opiskelemaan ammattikouluun aikuisena?",
    "sv": "Hur kan jag byta yrke och studera som vuxen?",
    "en": "How can I get my foreign degree recognised in Finland?",
}
for language, message in QUESTIONS.items():
    request = urllib.request.Request(
        "http://127.0.0.1:8000/api/chat",
        data=json.dumps({"message": message}).encode(),
        headers={"Content-Type": "application/json"},
    )
    reply = json.load(urllib.request.urlopen(request, timeout=60))
    assert reply["language"] == language, (language, reply["language"])
    assert reply["answer"].strip() and reply["sources"], (language, reply["kind"])
    print(f"ok: /api/chat {language}: {reply['kind']}, {len(reply['sources'])} sources,",
          f"first {reply['sources'][0]['url']}")
EOF

user=$(docker exec "$NAME" id -u)
[ "$user" = 10001 ] || fail "runs as uid $user"
echo "ok: runs as uid $user ($(docker exec "$NAME" id -un))"
if docker exec "$NAME" sh -c 'touch /app/index/.w' 2>/dev/null; then fail "the index is writable"; fi
if docker exec "$NAME" sh -c 'touch /app/.w' 2>/dev/null; then fail "/app is writable"; fi
echo "ok: /app and the index are read-only for the service"

until [ "$(docker inspect -f '{{.State.Health.Status}}' "$NAME")" != starting ]; do sleep 2; done
health=$(docker inspect -f '{{.State.Health.Status}}' "$NAME")
[ "$health" = healthy ] || fail "HEALTHCHECK says $health"
echo "ok: HEALTHCHECK healthy $(($(date +%s) - started)) s after docker run"
echo "image $IMAGE: $(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}')"
