# One image for every process of a deployment: the ingest consumers
# (bin/ingest.ts, what `npm run ingest` runs), the server
# (bin/server.ts) and the simulator (ingest/simulator/cli.ts), each
# run as `node --import tsx <entry>`: one process that receives the stop
# signal itself (through `npx tsx` it would reach npm, not the app).
# docker-compose.yml picks the command of each service; the default is the server.
FROM node:20-bookworm-slim

WORKDIR /app

# The bulletins' PDF is written in Noto Sans CJK (BULLETIN_FONT): Chinese
# needs a font with its glyphs, which the slim image lacks.
RUN apt-get update \
  && apt-get install -y --no-install-recommends fonts-noto-cjk \
  && rm -rf /var/lib/apt/lists/*

# Dependencies first, so that a code change reuses this layer. Dev
# dependencies are needed at run time too: tsx runs the TypeScript sources.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund && npm cache clean --force

COPY . .
# The dashboard is built into dashboard/dist once, here, not at every start.
# The journal directory exists in the image so that a named volume mounted
# there starts out owned by the app's user.
RUN npm run build \
  && mkdir -p /app/data/ingest-journal \
  && chown -R node:node /app/data

ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    KAFKAJS_NO_PARTITIONER_WARNING=1

USER node
# 8080: server (dashboard, API, Socket.IO, /metrics); 9464: ingest /healthz and /metrics.
EXPOSE 8080 9464
CMD ["node", "--import", "tsx", "bin/server.ts"]
