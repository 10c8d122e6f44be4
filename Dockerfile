# syntax=docker/dockerfile:1
# Multi-stage build: compile TypeScript with dev dependencies, ship only production ones.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY prisma.config.ts tsconfig.json tsconfig.build.json ./
COPY prisma ./prisma
COPY src ./src
COPY jobs ./jobs
COPY scripts/build ./scripts/build
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
# The migration runner reads the SQL files at start-up.
COPY prisma/migrations ./prisma/migrations
USER node
EXPOSE 3000
# The API by default; the worker runs the same image with: node dist/jobs/worker.js
CMD ["node", "dist/server.js"]
