FROM golang:1.22 AS build
FROM alpine:3.20
ENTRYPOINT /usr/local/bin/app --serve
