# syntax=docker/dockerfile:1
# Stage 1: build the SPA with Node.
FROM node:20-bookworm-slim AS spa
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
COPY openapi/ /src/openapi/
RUN npm run build

# Stage 2: the API on a slim Python image, as a non-root user. DATABASE_URL is required here:
# the embedded PostgreSQL is for development and demos only.
FROM python:3.11-slim-bookworm AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    ENVIRONMENT=production FRONTEND_DIST=/app/frontend/dist HOST=0.0.0.0 PORT=8000
WORKDIR /app
RUN groupadd --system mms && useradd --system --gid mms --home /app mms
COPY pyproject.toml README.md alembic.ini ./
COPY app/ app/
COPY migrations/ migrations/
RUN pip install --no-cache-dir .
COPY --from=spa /src/frontend/dist/ /app/frontend/dist/
USER mms
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/api/v1/health', timeout=4).status == 200 else 1)"
# `serve` refuses to start in production without DATABASE_URL and a real SECRET_KEY; it migrates, then serves.
CMD ["sh", "-c", "test -n \"$DATABASE_URL\" || { echo 'DATABASE_URL is required' >&2; exit 1; }; exec python -m app serve"]
