import { parseBoundedMultipart, type MultipartLimits } from './upload.server';

/**
 * The one way an action reads its form. Whatever a client sends, memory stays bounded, a wrong
 * content type is a 415, a malformed body a 400, too much a 413, and a NUL character (which
 * PostgreSQL refuses in text) a 400 before any value reaches a model. The edge
 * (server/request-guard.ts) already refuses declared lengths over these limits; this is the
 * guarantee for whoever calls an action without it.
 */

/** Text forms: far above any real form (the longest field is a few thousand characters). */
export const formBodyLimitBytes = 1024 * 1024;
/** Multipart forms with a file (the pole logo); the route keeps the file itself much smaller. */
export const uploadBodyLimitBytes = 16 * 1024 * 1024;

const textFormLimits: MultipartLimits = { maxFileBytes: 0, maxFileStreamBytes: formBodyLimitBytes, maxFieldBytes: formBodyLimitBytes, maxParts: 1000 };

/** The media types a form route accepts, and how much of each. */
export const formMediaTypes = {
  'application/x-www-form-urlencoded': formBodyLimitBytes,
  'multipart/form-data': uploadBodyLimitBytes,
} as const;

/** `multipart/form-data; boundary=…` → `multipart/form-data`. */
export function mediaTypeOf(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export function hasNulCharacter(value: string): boolean {
  return value.includes('\u0000');
}

function refuse(status: 400 | 411 | 413 | 415, statusText: string): Response {
  return new Response(null, { status, statusText });
}

/** Reads a text form (url-encoded, or multipart without files); throws the refusals above as Responses. */
export async function readForm(request: Request): Promise<FormData> {
  const mediaType = mediaTypeOf(request.headers.get('Content-Type'));
  let formData: FormData;
  if (mediaType === 'multipart/form-data') {
    const parsed = await parseBoundedMultipart(request, textFormLimits);
    if (parsed.tooLarge) throw refuse(413, 'Payload Too Large');
    formData = parsed.formData;
  } else if (mediaType === 'application/x-www-form-urlencoded' || mediaType === '') {
    const text = await readBoundedText(request, formBodyLimitBytes);
    // A post without a type is an empty form (a bare button); with content, it is not a form.
    if (mediaType === '' && text !== '') throw refuse(415, 'Unsupported Media Type');
    formData = toFormData(new URLSearchParams(text));
  } else {
    throw refuse(415, 'Unsupported Media Type');
  }
  refuseNulCharacters(formData);
  return formData;
}

/** Reads a multipart form with a file under the route's own limits; `tooLarge` lets the page say so beside the form. */
export async function readUploadForm(request: Request, limits: MultipartLimits) {
  const parsed = await parseBoundedMultipart(request, limits);
  if (parsed.formData) refuseNulCharacters(parsed.formData);
  return parsed;
}

/** A NUL anywhere in a field's name or text value refuses the whole form. */
function refuseNulCharacters(formData: FormData): void {
  for (const [name, value] of formData) {
    if (hasNulCharacter(name) || (typeof value === 'string' && hasNulCharacter(value))) throw refuse(400, 'Bad Request');
  }
}

async function readBoundedText(request: Request, limit: number): Promise<string> {
  if (Number(request.headers.get('Content-Length') ?? 0) > limit) throw refuse(413, 'Payload Too Large');
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    // Reading stops here; the rest is never buffered (cancelling would cut the connection before the answer).
    if (size > limit) {
      reader.releaseLock();
      throw refuse(413, 'Payload Too Large');
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

function toFormData(params: URLSearchParams): FormData {
  const formData = new FormData();
  for (const [name, value] of params) formData.append(name, value);
  return formData;
}
