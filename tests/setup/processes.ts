import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The app as a real process, in production mode (the build must exist): Node itself with tsx's
 * loader, not the tsx binary, which would run the server in a child process of its own (signals
 * and memory would then be another process's). `output` is what it wrote (pino logs on stdout).
 */
export function spawnServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { PATH: process.env.PATH, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let output = '';
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
    output += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr, output: () => output };
}

/** A server process on a free port, once /healthz answers; `stop()` sends SIGTERM and gives the exit code. */
export async function startServerProcess(env: Record<string, string>) {
  const port = await freePort();
  const server = spawnServer({ PORT: String(port), ...env });
  const origin = `http://127.0.0.1:${port}`;
  const stop = () => {
    if (server.child.exitCode === null) server.child.kill('SIGTERM');
    return server.exited;
  };
  // Generous: on a loaded CI machine the first start (migrations, seed) can take a while.
  const deadline = Date.now() + 90_000;
  for (;;) {
    const ready = await fetch(`${origin}/healthz`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ready) return { ...server, port, origin, stop };
    if (server.child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`server did not start: ${server.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
