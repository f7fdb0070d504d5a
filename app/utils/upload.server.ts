import { unstable_parseMultipartFormData as parseMultipartFormData, type UploadHandler } from '@remix-run/node';

export type MultipartLimits = {
  /** Largest file kept; a bigger one is kept cut at this size + 1 byte, so validation can say "too big". */
  maxFileBytes: number;
  /** Beyond this many bytes in one file the request is refused (413) rather than read to the end. */
  maxFileStreamBytes: number;
  /** All text fields together. */
  maxFieldBytes: number;
  maxParts: number;
};

class PayloadTooLarge extends Error {}

function payloadTooLarge(): PayloadTooLarge {
  return new PayloadTooLarge('payload too large');
}

async function readBounded(data: AsyncIterable<Uint8Array>, keep: number, refuseAfter: number): Promise<Uint8Array<ArrayBuffer>[]> {
  const kept: Uint8Array<ArrayBuffer>[] = [];
  let keptBytes = 0;
  let seen = 0;
  // Every byte is read even when not kept: the parser buffers whatever a handler leaves unread.
  for await (const chunk of data) {
    seen += chunk.byteLength;
    if (seen > refuseAfter) throw payloadTooLarge();
    if (keptBytes < keep) {
      const piece = chunk.slice(0, keep - keptBytes);
      kept.push(piece);
      keptBytes += piece.byteLength;
    }
  }
  return kept;
}

/**
 * A multipart form read with bounded memory, whatever the client sends: text fields have a total
 * budget, files are kept up to `maxFileBytes + 1` bytes, the number of parts is capped. Past those
 * limits the answer is `tooLarge` (the form's values are lost: the page says so in words). A
 * request that is not multipart is refused (415), a malformed one is a 400.
 */
export async function parseBoundedMultipart(
  request: Request,
  limits: MultipartLimits,
): Promise<{ tooLarge: false; formData: FormData } | { tooLarge: true; formData: null }> {
  const contentType = request.headers.get('Content-Type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    throw new Response('Unsupported media type', { status: 415, statusText: 'Unsupported Media Type' });
  }
  let parts = 0;
  let fieldBytes = 0;
  const handler: UploadHandler = async ({ filename, contentType: partType, data }) => {
    parts += 1;
    if (parts > limits.maxParts) throw payloadTooLarge();
    if (typeof filename !== 'string') {
      const budget = limits.maxFieldBytes - fieldBytes;
      const chunks = await readBounded(data, budget, budget);
      fieldBytes += chunks.reduce((total, chunk) => total + chunk.byteLength, 0);
      return new Blob(chunks).text();
    }
    const chunks = await readBounded(data, limits.maxFileBytes + 1, limits.maxFileStreamBytes);
    return new File(chunks, filename, { type: partType });
  };
  try {
    return { tooLarge: false, formData: await parseMultipartFormData(request, handler) };
  } catch (error) {
    if (error instanceof PayloadTooLarge) return { tooLarge: true, formData: null };
    throw new Response('Bad request', { status: 400 });
  }
}

const signatures: Array<{ type: 'image/png' | 'image/jpeg' | 'image/webp'; matches: (bytes: Uint8Array) => boolean }> = [
  { type: 'image/png', matches: (bytes) => startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/jpeg', matches: (bytes) => startsWith(bytes, [0xff, 0xd8, 0xff]) },
  // RIFF····WEBP
  { type: 'image/webp', matches: (bytes) => startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes.subarray(8), [0x57, 0x45, 0x42, 0x50]) },
];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);
}

/** The image type the content really has (PNG, JPEG or WebP), whatever its name or declared type. */
export function sniffImageType(bytes: Uint8Array): 'image/png' | 'image/jpeg' | 'image/webp' | null {
  return signatures.find((signature) => signature.matches(bytes))?.type ?? null;
}

/**
 * The same file typed by its content: a text file named logo.png and declared image/png comes
 * back as application/octet-stream, so validation refuses it. An empty input stays as it is.
 */
export async function withSniffedImageType(file: File): Promise<File> {
  if (file.size === 0) return file;
  const bytes = new Uint8Array(await file.arrayBuffer());
  return new File([bytes], file.name, { type: sniffImageType(bytes) ?? 'application/octet-stream' });
}
