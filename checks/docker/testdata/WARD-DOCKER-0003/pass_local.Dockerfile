FROM alpine:3.20
ADD vendor.tar.gz /opt/
COPY https.conf /etc/
