# syntax=docker/dockerfile:1
#
# The MPP Platform: one image for every service. `mpp start --target=<name>` runs one service
# (Kubernetes: args ["start", "--target=catalog"]); the default, --target=all, runs the whole
# platform in one process with its demo defaults.
#
# NOT BUILT HERE: the machines this project is developed and tested on have no Docker engine, so
# no image has been built from this file yet. What is checked without one:
# test/dockerfile.unit.test.ts lints it (Node 24 on every FROM, numeric non-root USER, ENTRYPOINT
# as a JSON array, npm ci, every COPY'd path), and test/image.e2e.test.ts runs the ENTRYPOINT's
# command from a tree laid out like /app (dist folders, bin/, production dependencies only).
# Build it where Docker runs:  docker build -t mpp .
#
# Runs as uid 10001 and writes nothing under /app, so it runs with a read-only root filesystem.
# Written at run time: /tmp (mount a tmpfs or emptyDir) and, in all-in-one mode only,
# MPP_DATA_DIR=/var/lib/mpp (embedded PostgreSQL, the demo issuer's key, the generated queue
# holder key; mount a volume). A single service (--target=<name>) needs DATABASE_URL, refuses to
# start without it, and never uses MPP_DATA_DIR. The demo, reachable from the host only:
#   docker run --read-only --tmpfs /tmp -v mpp-data:/var/lib/mpp \
#     -p 127.0.0.1:8080:8080 -e GATEWAY_HTTP_HOST=0.0.0.0 mpp
# (the demo issuer's sign-in page gives any role to whoever opens it: publish it on loopback).
# No secrets in the image: every setting is an environment variable (README, Configuration).
# No Java: `mpp partner add|rotate|remove` (Kafka's ConfigCommand) run elsewhere; on Kubernetes
# Strimzi's KafkaUser resources own partner credentials.

# Only what `npm ci` reads — the lock file and every workspace's package.json — so the
# dependency layers below are rebuilt only when those change.
FROM node:24-bookworm-slim AS manifests
WORKDIR /src
COPY . .
RUN mkdir -p /manifests \
 && cp package.json package-lock.json /manifests/ \
 && for f in packages/*/package.json services/*/package.json web/package.json; do \
      mkdir -p "/manifests/$(dirname "$f")" && cp "$f" "/manifests/$f"; \
    done

# Everything built: the TypeScript packages and services (dist/) and the web UI (web/dist).
FROM node:24-bookworm-slim AS build
ENV TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
WORKDIR /app
COPY --from=manifests /manifests ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
 && mkdir -p /out \
 && for d in packages/* services/* web; do \
      mkdir -p "/out/$d" && cp -R "$d/dist" "/out/$d/dist"; \
    done

# Production dependencies only (the workspaces are linked into node_modules/@mpp).
FROM node:24-bookworm-slim AS production-deps
WORKDIR /app
COPY --from=manifests /manifests ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    MPP_DATA_DIR=/var/lib/mpp
# A user with a passwd entry: the embedded PostgreSQL's initdb (all-in-one) looks its uid up.
RUN groupadd --system --gid 10001 mpp \
 && useradd --system --uid 10001 --gid mpp --home-dir /var/lib/mpp --no-create-home --shell /usr/sbin/nologin mpp \
 && mkdir -p /var/lib/mpp \
 && chown mpp:mpp /var/lib/mpp \
 && chmod 0700 /var/lib/mpp
WORKDIR /app
COPY --from=production-deps /app ./
COPY --from=build /out ./
COPY bin ./bin
USER 10001:10001
VOLUME ["/var/lib/mpp"]
# 8080 API and web UI; 50051-50055 gRPC (catalog, queue, survey, reporting, gateway health); 9464 metrics.
EXPOSE 8080 50051-50055 9464
# OpenTelemetry's register module must load before the app (ESM): `--import`, resolved from
# /app/node_modules like the rest, through the packages' default exports (dist), no source condition.
ENTRYPOINT ["node", "--import", "@mpp/telemetry/register", "bin/mpp.mjs"]
CMD ["start", "--target=all"]
