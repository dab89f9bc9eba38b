FROM python:3.12
RUN pip install --no-cache-dir -r requirements.txt && pipenv install --system
RUN --mount=type=cache,target=/root/.cache/pip pip install poetry
