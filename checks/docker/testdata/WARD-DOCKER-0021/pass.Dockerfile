FROM node:22 AS build
CMD npm run build
FROM node:22
HEALTHCHECK CMD curl -f http://localhost:3000/ || exit 1
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["node", "server.js"]
