FROM alpine:3.20
ADD https://example.com/releases/tool-1.2.tar.gz /tmp/
