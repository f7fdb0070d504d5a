/**
 * The baseline of `npm run bench:realtime`: a bare `ws` broadcast server, as its own process (as
 * the app server is), and its client. Each text frame a client sends (`{ key, text }`) gets the
 * next number and is sent to every connected client, the sender included (its copy is its
 * acknowledgement). No session, no room, no database, no validation beyond JSON: what one Node
 * process can fan out with nothing of a live thread in it.
 *
 * bench/realtime.ts calls `startWsBaseline()`, which runs this file as `node --import tsx
 * bench/ws-baseline.ts` on a free port; run so, it serves and prints `listening <port>`.
 *
 * `startWsBaseline({ socketIo: true })` serves the same with socket.io instead (its default
 * in-memory adapter, one room, an acknowledgement per send): the floor of the library the app is
 * built on, printed beside the baseline so that what the app adds can be told from what socket.io costs.
 */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { Server } from 'socket.io';
import { io as connectSocket } from 'socket.io-client';
import { WebSocket, WebSocketServer } from 'ws';
import { freePort } from '#tests/setup/processes';

function serve(port: number) {
  const server = new WebSocketServer({ host: '127.0.0.1', port, maxPayload: 32 * 1024 });
  const clients = new Set<WebSocket>();
  let seq = 0;
  server.on('connection', (socket) => {
    clients.add(socket);
    socket.on('close', () => clients.delete(socket));
    socket.on('error', () => clients.delete(socket));
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      let sent: { key?: unknown; text?: unknown };
      try {
        sent = JSON.parse(String(data)) as typeof sent;
      } catch {
        return;
      }
      if (typeof sent.key !== 'string' || typeof sent.text !== 'string') return;
      seq += 1;
      const frame = JSON.stringify({ seq, key: sent.key, text: sent.text });
      for (const client of clients) client.send(frame);
    });
  });
  server.on('listening', () => console.log(`listening ${port}`));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const client of clients) client.terminate();
      server.close(() => process.exit(0));
    });
  }
}

/** The same fan-out through a bare socket.io server: every client in one room, each send acknowledged. */
function serveSocketIo(port: number) {
  const io = new Server({ serveClient: false, maxHttpBufferSize: 32 * 1024 });
  let seq = 0;
  io.on('connection', (socket) => {
    void socket.join('sujet');
    socket.on('send', (sent: { key?: unknown; text?: unknown }, ack: unknown) => {
      if (typeof sent?.key !== 'string' || typeof sent.text !== 'string') return;
      seq += 1;
      io.to('sujet').emit('message', { seq, key: sent.key, text: sent.text });
      if (typeof ack === 'function') (ack as () => void)();
    });
  });
  io.listen(port);
  console.log(`listening ${port}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void io.close(() => process.exit(0)));
}

/** The baseline server (or, with `socketIo`, the socket.io floor) as a child process on a free port, once it listens. */
export async function startWsBaseline(options: { socketIo?: boolean } = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/ws-baseline.ts'], {
    env: { PATH: process.env.PATH, NODE_ENV: 'production', PORT: String(port), ...(options.socketIo ? { BASELINE: 'socket.io' } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk) => String(chunk).includes('listening') && resolve());
    void exited.then(() => reject(new Error('the ws baseline server exited')));
  });
  return {
    address: options.socketIo ? `http://127.0.0.1:${port}` : `ws://127.0.0.1:${port}`,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A baseline client; `send` resolves (null) when the sender's own copy comes back, or 'timeout'. */
export async function wsClient(address: string, onText: (text: string) => void) {
  const socket = new WebSocket(address);
  const waiting = new Map<string, () => void>();
  socket.on('message', (data) => {
    const { key, text } = JSON.parse(String(data)) as { key: string; text: string };
    onText(text);
    waiting.get(key)?.();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return {
    send(key: string, text: string): Promise<string | null> {
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve('timeout'), 30_000);
        waiting.set(key, () => {
          clearTimeout(timer);
          waiting.delete(key);
          resolve(null);
        });
        socket.send(JSON.stringify({ key, text }));
      });
    },
    close: () => socket.terminate(),
  };
}

/** A client of the socket.io floor; `send` resolves (null) on the server's acknowledgement, or 'timeout'. */
export async function socketIoFloorClient(address: string, onText: (text: string) => void) {
  const socket = connectSocket(address, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 60_000 });
  socket.on('message', (payload: { text: string }) => onText(payload.text));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return {
    async send(key: string, text: string): Promise<string | null> {
      try {
        await socket.timeout(30_000).emitWithAck('send', { key, text });
        return null;
      } catch {
        return 'timeout';
      }
    },
    close: () => socket.disconnect(),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.env.BASELINE === 'socket.io') serveSocketIo(Number(process.env.PORT));
  else serve(Number(process.env.PORT));
}
