# One image for the ledger's three programs; the command chooses which:
#   ledger-api        node dist/apps/ledger-api/src/main.js          (the default)
#   ledger-projector  node dist/apps/ledger-projector/src/main.js
#   ledger-cli        node dist/apps/ledger-cli/src/main.js <command>

# --- build: every dependency, the compiler, then only what runs -------------------------------------
FROM node:24-slim AS build
WORKDIR /app
# better-sqlite3 compiles itself when no prebuilt binary fits; the toolchain stays in this stage.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# --- run: no compiler, no sources, no root ---------------------------------------------------------
FROM node:24-slim
ENV NODE_ENV=production \
    LEDGER_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The image's `node` user (uid 1000) owns the data directory and nothing else; /app stays root's, read-only to it.
RUN mkdir -p /data && chown node:node /data && chmod 0700 /data
USER node
VOLUME ["/data"]
EXPOSE 3000 3001
CMD ["node", "dist/apps/ledger-api/src/main.js"]
