FROM debian:12
RUN apt-get update && apt-get install -y openssh-server
EXPOSE 80 22/tcp
