FROM debian:12
RUN apt-get update && apt-get -y upgrade && rm -rf /var/lib/apt/lists/*
