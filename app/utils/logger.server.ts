import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = { level, base: undefined, redact: { paths: ['password', '*.password'], remove: true } };
  return destination ? pino(options, destination) : pino(options);
}
