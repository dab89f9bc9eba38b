FROM debian:12
RUN wget -qO- https://example.com/setup | sudo -E /bin/bash
