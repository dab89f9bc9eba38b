FROM python:3.12
RUN python3 -m pip install --upgrade pip && pip3 install --no-cache-dir flask
