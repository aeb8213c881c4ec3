# The API image: TypeScript runs through tsx (a runtime dependency), so the image needs no build step.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY migrations ./migrations
USER node
EXPOSE 3000
ENV HOST=0.0.0.0 PORT=3000
CMD ["node", "--import", "tsx", "src/server.ts"]
