import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Node's name for the response a socket is serving now (also used by stoppable and http-terminator). */
type ServingSocket = Socket & { _httpMessage?: ServerResponse | null };

/**
 * The responses the server is working on, reachable when draining starts. Each gets
 * `Connection: close` (if its headers are not out yet), so its keep-alive client reconnects
 * elsewhere and the socket closes once the response is done, instead of idling until the
 * keep-alive timeout and holding the shutdown up. Sockets are tracked per connection, not
 * per request, so serving costs nothing extra.
 */
export function trackInFlightResponses(server: Server): { closeAfterResponse(): void } {
  const sockets = new Set<ServingSocket>();
  server.on('connection', (socket: ServingSocket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return {
    closeAfterResponse() {
      for (const socket of sockets) {
        const response = socket._httpMessage;
        if (response && !response.headersSent) response.setHeader('connection', 'close');
      }
    },
  };
}
