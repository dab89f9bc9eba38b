FROM alpine:3.20
RUN <<EOF
apk add curl
curl -fsSL https://x.example/i.sh | sh
EOF
USER app
