// The baseline for `npm run bench:api`: plain node:http answering GET /version with the
// same bytes and content type as the api's /version, and nothing else (no logging, no ids).
import { createServer } from 'node:http';

const body = process.env.BARE_BODY ?? '{}';
const server = createServer((request, response) => {
  if (request.url === '/version' || request.url === '/readyz') {
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
    return;
  }
  response.writeHead(404).end();
});
server.keepAliveTimeout = 72_000;
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
