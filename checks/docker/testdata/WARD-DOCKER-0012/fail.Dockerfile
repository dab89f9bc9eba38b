FROM alpine:3.20
RUN mkdir /data && chmod -R 777 /data
