# Caddy from Debian bookworm's packages (2.6), for deploy/compose.offline.yaml: the same paths and
# command as the official caddy:2 image, and wget for its health check.
ARG BASE_IMAGE=suunta-base:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends caddy wget \
    && rm -rf /var/lib/apt/lists/*
ENV XDG_CONFIG_HOME=/config XDG_DATA_HOME=/data
EXPOSE 80 443 2019
CMD ["caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"]
