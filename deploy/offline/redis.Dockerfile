# Redis from Debian bookworm's packages (7.0), for deploy/compose.offline.yaml. Like the official
# image it turns protected mode off (whatever command Compose gives): it listens on the Compose
# network only, and nothing publishes its port.
ARG BASE_IMAGE=suunta-base:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends redis-server \
    && rm -rf /var/lib/apt/lists/*
USER redis
WORKDIR /var/lib/redis
EXPOSE 6379
ENTRYPOINT ["sh", "-c", "exec \"$@\" --protected-mode no", "--"]
CMD ["redis-server"]
