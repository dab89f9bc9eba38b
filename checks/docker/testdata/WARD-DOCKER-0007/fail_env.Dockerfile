FROM alpine:3.20
ENV APP_ENV=production DB_PASSWORD="s3cr3t-value"
