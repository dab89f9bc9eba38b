FROM alpine:3.20 AS base
MAINTAINER someone@example.com
LABEL org.opencontainers.image.title="demo app" version=1
ENV PATH=/usr/local/bin:$PATH HOME=/root
ARG USER_ID=1000
ADD --chown=1000:1000 https://example.com/a.tar.gz /tmp/
COPY --chmod=755 ["run me.sh", "/usr/local/bin/"]
EXPOSE 8080/tcp 9090
VOLUME ["/data"]
SHELL ["/bin/sh", "-eu", "-c"]
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s CMD wget -q -O- http://localhost:8080/ || exit 1
ONBUILD COPY . /src
USER 1000
CMD ["/usr/local/bin/run me.sh"]
