FROM alpine:3.20
ADD git@github.com:example/repo.git /src
