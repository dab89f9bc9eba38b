FROM python:3.12 AS build
CMD ["python", "-m", "build"]

FROM python:3.12
ENTRYPOINT ["tini", "--"]
CMD ["gunicorn", "app:app"]
