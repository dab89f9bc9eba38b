FROM alpine:3.20
ARG BUNDLE=bundle.tar.xz
ADD ${BUNDLE} /opt/
