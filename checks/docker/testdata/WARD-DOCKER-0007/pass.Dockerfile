ARG NPM_TOKEN
FROM node:22
ARG API_KEY=
ENV DB_PASSWORD=$DB_PASSWORD \
    DB_PASSWORD_FILE=/run/secrets/db_password \
    TOKENIZERS_PARALLELISM=false \
    ENABLE_TOKEN=true \
    SECRET_NAME=app-db
RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci
