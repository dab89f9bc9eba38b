FROM ubuntu:24.04
RUN apt-get update && apt-get install -y sudo && echo "app ALL=(ALL) NOPASSWD: /usr/bin/apt" > /etc/sudoers.d/app
