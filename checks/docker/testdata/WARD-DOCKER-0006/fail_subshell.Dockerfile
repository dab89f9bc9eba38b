FROM debian:12
RUN sh -c "$(curl -fsSL https://example.com/install.sh)"
