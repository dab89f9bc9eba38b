FROM python:3.12
ENTRYPOINT ["/docker-entrypoint.sh"]
ENTRYPOINT ["tini", "--"]
CMD ["app"]
