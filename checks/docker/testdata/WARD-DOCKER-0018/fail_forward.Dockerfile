FROM alpine:3.20 AS final
COPY --from=1 /out/app /app
COPY --from=build /out/app /app
FROM golang:1.22 AS build
