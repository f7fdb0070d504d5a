import { testOrigin } from './context';

export type UploadedFile = { name: string; type: string; bytes: Uint8Array };

/** A multipart form post as a browser sends it (same-site Origin, optional cookie), files included. */
export function multipartRequest(
  path: string,
  options: { fields?: Record<string, string | string[]>; files?: Record<string, UploadedFile>; cookie?: string },
): Request {
  const body = new FormData();
  for (const [key, value] of Object.entries(options.fields ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
  }
  for (const [key, file] of Object.entries(options.files ?? {})) {
    body.append(key, new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
  }
  const headers = new Headers({ Origin: testOrigin });
  if (options.cookie) headers.set('Cookie', options.cookie);
  return new Request(new URL(path, testOrigin), { method: 'POST', headers, body });
}

/** A real 1×1 PNG. */
export const pngBytes = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
);

/** The start of a JPEG (SOI + APP0 marker) followed by filler: enough for a type check. */
export function jpegBytes(size = 64): Uint8Array {
  const bytes = new Uint8Array(size).fill(0x20);
  bytes.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
  return bytes;
}

/** RIFF····WEBPVP8 header followed by filler. */
export function webpBytes(size = 64): Uint8Array {
  const bytes = new Uint8Array(size).fill(0);
  bytes.set([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20]);
  return bytes;
}
