import { existsSync } from 'node:fs';

const candidate = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Debian's Chromium; never a browser downloaded by a test tool. */
export const chromiumPath = existsSync(candidate) ? candidate : null;
export const skipReason = `no Chromium at ${candidate}`;
