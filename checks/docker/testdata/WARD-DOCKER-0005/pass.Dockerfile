FROM python:3.12-slim@sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d AS base
FROM base
FROM scratch
COPY --from=base /usr/local/bin/python3 /python3
