FROM alpine:3.20
ADD "/target/resources.tar.gz" "resources"
USER app
