FROM alpine:3.20
RUN chmod a+rwx /app/run.sh
