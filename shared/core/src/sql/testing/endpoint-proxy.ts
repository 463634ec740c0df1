import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A database endpoint whose name moves, as an RDS cluster endpoint does at a Blue/Green
 * switchover: a TCP proxy on a fixed loopback port forwarding to one server, then — after
 * `moveTo` — to another. Moving drops every open connection (AWS does the same: clients
 * reconnect and reach the new server).
 */
export interface EndpointProxy {
  port: number;
  /** Forwards new connections to `port` from now on and closes the open ones. */
  moveTo(port: number): void;
  stop(): Promise<void>;
}

export async function startEndpointProxy(targetPort: number): Promise<EndpointProxy> {
  let target = targetPort;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      open.add(a);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        open.delete(a);
        b.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    moveTo(port) {
      target = port;
      for (const socket of open) socket.destroy();
    },
    stop: async () => {
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
