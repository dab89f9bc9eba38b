FROM alpine:3.20 AS base
RUN adduser -D app
USER app

FROM base
COPY app /usr/local/bin/app
CMD ["app"]
