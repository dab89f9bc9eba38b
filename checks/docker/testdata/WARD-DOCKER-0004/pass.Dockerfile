ARG BASE=alpine
FROM golang:1.22 AS build
RUN go build ./...
FROM build AS test
RUN go test ./...
FROM scratch AS empty
FROM ${BASE}
FROM registry.example.com:5000/team/runtime@sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d
COPY --from=build /go/bin/app /app
