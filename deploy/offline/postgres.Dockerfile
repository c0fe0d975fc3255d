# PostgreSQL from Debian bookworm's packages (15), for trying deploy/compose.yaml where Docker Hub
# cannot be reached (deploy/compose.offline.yaml). Takes the official image's POSTGRES_DB,
# POSTGRES_USER and POSTGRES_PASSWORD; production uses the official image or a managed server.
ARG BASE_IMAGE=suunta-base:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-15 \
    && rm -rf /var/lib/apt/lists/*
ENV PATH=/usr/lib/postgresql/15/bin:$PATH PGDATA=/var/lib/postgresql/data
COPY postgres-entrypoint.sh /usr/local/bin/postgres-entrypoint.sh
EXPOSE 5432
ENTRYPOINT ["sh", "/usr/local/bin/postgres-entrypoint.sh"]
