FROM alpine:3.20
RUN adduser -D app
USER app
CMD ["id"]
