FROM debian:12
RUN <<EOT bash
set -eux
apt-get update
EOT
COPY <<-EOF /etc/app.conf
	key=value
	EOF
CMD ["cat", "/etc/app.conf"]
