#!/bin/sh
# Build Suunta's image without a container registry or download.pytorch.org:
#   1. a Debian bookworm base (python3, venv, CA certificates) made with mmdebstrap from Debian's
#      package mirror and imported as BASE_TAG (skipped when that image exists);
#   2. a wheelhouse of every wheel the image installs, made on this host with pip (the torch CPU
#      wheel from wherever this host's pip finds it, e.g. its find-links folder);
#   3. `docker build` of ./Dockerfile on that base, pip reading only the wheelhouse, served on
#      127.0.0.1 for the build (host network), so the build itself reaches no index at all.
#
# Needs: docker (a running daemon), mmdebstrap (for step 1), and on the host a CPython of exactly
# the base's version with venv (Debian bookworm's /usr/bin/python3, 3.11.2): pip resolves
# markers such as `python_full_version < "3.11.3"` (redis needs async-timeout there) for the
# interpreter it runs on, so a wheelhouse resolved by another 3.11 misses wheels. Run from
# anywhere, as a user who may use docker; mmdebstrap needs root (or run step 1 once by hand).
#
#   deploy/build-offline.sh                 # suunta:latest from the working tree
#   REF=HEAD IMAGE=suunta:test deploy/build-offline.sh   # from a commit (git archive), not the tree
#   REBUILD_BASE=1 deploy/build-offline.sh  # a fresh base (Debian's security updates)
#   NO_CACHE=1 deploy/build-offline.sh      # every layer again (the build time from scratch)
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
IMAGE=${IMAGE:-suunta:latest}
BASE_TAG=${BASE_TAG:-suunta-base:bookworm}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${SECURITY_MIRROR:-http://deb.debian.org/debian-security}
TORCH_VERSION=${TORCH_VERSION:-2.13.0}
WHEELHOUSE=${WHEELHOUSE:-$ROOT/var/wheelhouse}
PORT=${PORT:-8765}
export DOCKER_BUILDKIT=0 # the classic builder: `--network host` needs no entitlement there

say() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
tmp=$(mktemp -d)
server=
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

start=$(date +%s)
docker info >/dev/null 2>&1 || { echo "docker: no daemon answers (see docs/deploy.md)" >&2; exit 2; }

# 1. The base image.
if [ "${REBUILD_BASE:-0}" = 1 ] || ! docker image inspect "$BASE_TAG" >/dev/null 2>&1; then
    say "base: mmdebstrap bookworm -> $BASE_TAG"
    # shellcheck disable=SC2016 # "$1" is for the hook: mmdebstrap passes it the new root
    mmdebstrap --variant=minbase --include=python3,python3-venv,ca-certificates \
        --aptopt='Acquire::Languages "none"' \
        --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
        --dpkgopt='path-exclude=/usr/share/locale/*' \
        --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
        bookworm "$tmp/base.tar" \
        "deb $MIRROR bookworm main" "deb $MIRROR bookworm-updates main" \
        "deb $SECURITY_MIRROR bookworm-security main"
    docker import --change 'ENV LANG=C.UTF-8' --change 'CMD ["bash"]' "$tmp/base.tar" "$BASE_TAG"
    rm -f "$tmp/base.tar"
fi
base_done=$(date +%s)

# 2. The wheelhouse: torch (CPU) and the project's dependencies, as pyproject.toml lists them,
#    plus setuptools for the editable install's build, resolved by the base's Python version.
want=$(docker run --rm --network none "$BASE_TAG" python3 -c 'import platform; print(platform.python_version())')
if [ -z "${PYTHON:-}" ]; then
    for candidate in python3 /usr/bin/python3 "python$(echo "$want" | cut -d. -f1,2)"; do
        if [ "$("$candidate" -c 'import platform; print(platform.python_version())' 2>/dev/null)" = "$want" ]; then
            PYTHON=$candidate
            break
        fi
    done
fi
if [ -z "${PYTHON:-}" ] || [ "$("$PYTHON" -c 'import platform; print(platform.python_version())')" != "$want" ]; then
    echo "wheelhouse: the base has Python $want; set PYTHON to a host interpreter of that version" >&2
    exit 2
fi
say "wheelhouse: $WHEELHOUSE (resolved by $PYTHON, Python $want)"
mkdir -p "$WHEELHOUSE"
"$PYTHON" -c 'import sys, tomllib; print("\n".join(tomllib.load(open(sys.argv[1], "rb"))["project"]["dependencies"]))' \
    "$ROOT/pyproject.toml" >"$tmp/requirements.txt"
"$PYTHON" -m venv "$tmp/venv"
"$tmp/venv/bin/pip" wheel --quiet --wheel-dir "$WHEELHOUSE" \
    "torch==$TORCH_VERSION" -r "$tmp/requirements.txt" "setuptools>=69"
for wheel in "$WHEELHOUSE"/nvidia_* "$WHEELHOUSE"/triton-*; do
    if [ -e "$wheel" ]; then
        echo "wheelhouse: CUDA wheels ($wheel); give pip a CPU torch wheel (find-links), empty $WHEELHOUSE and start again" >&2
        exit 2
    fi
done
set -- "$WHEELHOUSE/torch-$TORCH_VERSION+cpu-"*.whl
[ -e "$1" ] || { echo "wheelhouse: no torch $TORCH_VERSION+cpu wheel" >&2; exit 2; }
wheels_done=$(date +%s)

# 3. The image, pip reading the wheelhouse over HTTP on this host only.
context=$ROOT
if [ -n "${REF:-}" ]; then
    context=$tmp/context
    mkdir "$context"
    git -C "$ROOT" archive "$REF" | tar -x -C "$context"
    say "context: git archive $REF ($(git -C "$ROOT" rev-parse --short "$REF"))"
fi
"$PYTHON" -m http.server --bind 127.0.0.1 --directory "$WHEELHOUSE" "$PORT" >/dev/null 2>&1 &
server=$!
sleep 1
say "docker build -> $IMAGE"
no_cache=
[ "${NO_CACHE:-0}" = 1 ] && no_cache=--no-cache
docker build --network host $no_cache \
    --build-arg BASE_IMAGE="$BASE_TAG" \
    --build-arg PIP_NO_INDEX=1 \
    --build-arg PIP_FIND_LINKS="http://127.0.0.1:$PORT/" \
    --build-arg TORCH_VERSION="$TORCH_VERSION" \
    -t "$IMAGE" "$context"
end=$(date +%s)

say "done: $IMAGE, $(docker image inspect --format '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}');" \
    "base $((base_done - start)) s, wheelhouse $((wheels_done - base_done)) s, image $((end - wheels_done)) s"
