FROM alpine:3.20
ADD --chown=app:app \
    ./src /app/src
