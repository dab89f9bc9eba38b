FROM python:3.12
CMD ["python", "manage.py", "migrate"]
CMD ["gunicorn", "app:app"]
