# The review console as a container image: the AWS deployment runs it on ECS Fargate behind a load
# balancer (infra/lib/console-service.ts; `cdk deploy` builds it, docs/DEPLOY.md). It serves the same
# Next.js build as `npm start`, without the demo-data bootstrap: on AWS the data lives in DynamoDB,
# S3 and Athena, and the environment (set by the stack) says so.
# Build for the Fargate platform: docker build --platform linux/amd64 -t fraud-console .

FROM node:20-bookworm-slim AS build
WORKDIR /app
# onnxruntime-node's install step downloads CUDA files; the CPU runtime ships inside the package.
ENV ONNXRUNTIME_NODE_INSTALL=skip NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json .npmrc ./
# `npm install`, not `npm ci`: the lock lists only one platform's native optional packages (see .ci/run).
RUN npm install --no-audit --no-fund
COPY . .
RUN npx next build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 FRAUD_MODEL_DIR=/app/model
COPY --from=build --chown=node:node /app/package.json /app/next.config.mjs ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/.next ./.next
COPY --from=build --chown=node:node /app/model/manifest.json /app/model/model.onnx ./model/
USER node
EXPOSE 3000
CMD ["node_modules/.bin/next", "start", "--hostname", "0.0.0.0", "--port", "3000"]
