# Suunta's image: the app, the bundled embedding model and the knowledge-base index, built once
# here and shipped read-only to every replica. Runs as a non-root user; nothing is fetched at
# run time. Build: docker build -t suunta . (see docs/deploy.md); without a registry:
# deploy/build-offline.sh (a Debian base made with mmdebstrap, every wheel from a local wheelhouse).
ARG BASE_IMAGE=python:3.11-slim-bookworm
FROM ${BASE_IMAGE}

# torch comes first and as a CPU wheel (the default PyPI wheel pulls the CUDA libraries).
ARG TORCH_VERSION=2.13.0
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
# An offline build sets PIP_NO_INDEX=1 and PIP_FIND_LINKS to a wheelhouse served on the build
# host; as build arguments they are seen by pip during the build and not kept in the image.
ARG PIP_NO_INDEX
ARG PIP_FIND_LINKS

# A virtual environment works the same on python:3.11-slim (/usr/local/bin/python3) and on a
# plain Debian base (/usr/bin/python3, whose system pip refuses installs, PEP 668); its bin comes
# first on PATH, so `python` and `suunta` below and in the health check are the environment's.
RUN python3 -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH \
    VIRTUAL_ENV=/opt/venv \
    LANG=C.UTF-8 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    TOKENIZERS_PARALLELISM=false \
    SUUNTA_HOST=0.0.0.0 \
    SUUNTA_PORT=8000 \
    SUUNTA_INDEX_DIR=/app/index \
    SUUNTA_REPORT_CACHE_DIR=/var/lib/suunta/report-cache \
    SUUNTA_TELEMETRY_SPOOL_DIR=/var/lib/suunta/spool \
    SUUNTA_DATABASE_URL=sqlite:////var/lib/suunta/suunta.db

RUN groupadd --system --gid 10001 suunta \
    && useradd --system --uid 10001 --gid suunta --home-dir /var/lib/suunta --create-home suunta \
    && install -d -o suunta -g suunta /var/lib/suunta-spool

WORKDIR /app
RUN pip install --index-url "${TORCH_INDEX_URL}" "torch==${TORCH_VERSION}"
# The dependencies as pyproject.toml lists them, in a layer of their own: a code change rebuilds
# only the layers below (the editable install and the index), not ~130 wheels.
COPY pyproject.toml ./
RUN python -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))' \
        >/tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt
COPY README.md ./
COPY accounts accounts
COPY application application
COPY assistant assistant
COPY e5convert e5convert
COPY evaluation evaluation
COPY knowledge_base knowledge_base
COPY organisations organisations
COPY suunta suunta
COPY telemetry telemetry
COPY textnorm textnorm
COPY web web
RUN pip install --no-deps -e .

# The model is materialised (and quantised for onnx-int8) and the index built now, so a replica
# starts in seconds and every replica serves the same index.
RUN suunta kb build --threads 2 && chmod -R a-w /app/index

USER suunta
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/health', timeout=4)"]
CMD ["suunta", "serve"]
