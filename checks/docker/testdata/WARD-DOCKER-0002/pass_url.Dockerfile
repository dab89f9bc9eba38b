FROM alpine:3.20
ADD https://example.com/tool.sh /usr/local/bin/tool.sh
