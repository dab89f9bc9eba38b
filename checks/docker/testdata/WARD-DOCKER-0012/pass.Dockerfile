FROM alpine:3.20
RUN chmod 1777 /scratch && chmod -R 755 /app && chmod 0644 /etc/app.conf
COPY --chmod=755 run.sh /app/run.sh
