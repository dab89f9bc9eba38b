FROM alpine:3.20
COPY --chmod=777 run.sh /app/run.sh
