FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl && \
    DEBIAN_FRONTEND=noninteractive apt-get -y install git && \
    rm -rf /var/lib/apt/lists/*
