import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { loader as directoryLoader } from '#app/routes/poles._index';
import { loader as poleLoader } from '#app/routes/poles.$slug';
import { action } from '#app/routes/poles.$slug_.modifier';
import { loader as logoLoader } from '#app/routes/poles.$slug_.logo';
import { poleLogos, poles } from '#db/schema';
import { makeRequest, setupTestContext } from '#tests/setup/context';
import { jpegBytes, multipartRequest, pngBytes, webpBytes, type UploadedFile } from '#tests/setup/multipart';
import { inFrench, settle } from '#tests/setup/responses';

const { context, services, cookieFor } = await setupTestContext();
const db = services.db;
const admin = 'figeacteurs@demo.ptce.fr';
const kib = 1024;

const validFields = { description: 'Fiche de Figeacteurs.', maturity: 'mature', animation: 'dedicated_team', mentoringCapacity: '3', languages: 'fr' };

async function upload(files: Record<string, UploadedFile>, fields: Record<string, string> = {}) {
  const request = multipartRequest('/poles/figeacteurs/modifier', { fields: { ...validFields, ...fields }, files, cookie: await cookieFor(admin) });
  return settle(action({ request, context, params: { slug: 'figeacteurs' } }));
}

async function storedLogo() {
  const [row] = await db
    .select({ contentType: poleLogos.contentType, bytes: poleLogos.bytes })
    .from(poleLogos)
    .innerJoin(poles, eq(poles.id, poleLogos.poleId))
    .where(eq(poles.slug, 'figeacteurs'));
  return row ? { contentType: row.contentType, bytes: new Uint8Array(row.bytes) } : null;
}

async function fetchLogo(query = '', headers: Record<string, string> = {}, slug = 'figeacteurs') {
  const request = makeRequest(`/poles/${slug}/logo${query}`, { headers });
  return logoLoader({ request, context, params: { slug } }).catch((thrown: unknown) => thrown as Response);
}

function logoErrors(outcome: { data: { result: { error?: Record<string, string[] | null> } } | null }) {
  return outcome.data?.result.error?.logo ?? [];
}

describe('uploading a logo', () => {
  test('a PNG is stored, served with its type, and shown on the pole page and in the directory', async () => {
    const outcome = await upload({ logo: { name: 'logo.png', type: 'image/png', bytes: pngBytes } });
    expect(outcome.status).toBe(302);
    expect(await storedLogo()).toEqual({ contentType: 'image/png', bytes: pngBytes });

    const response = await fetchLogo();
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('image/png');
    expect(response.headers.get('ETag')).toMatch(/^"[0-9a-z]+"$/);
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=0, must-revalidate');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(pngBytes);

    const page = await poleLoader({ request: makeRequest('/poles/figeacteurs'), context, params: { slug: 'figeacteurs' } });
    expect(page.pole.logoUpdatedAt).toBeInstanceOf(Date);
    const directory = await directoryLoader({ request: makeRequest('/poles?q=Figeacteurs'), context, params: {} });
    expect(directory.poles.find((pole) => pole.slug === 'figeacteurs')?.logoUpdatedAt).toBeInstanceOf(Date);
  });

  test('the versioned address is cached for good; a known ETag answers 304 without the image', async () => {
    const first = await fetchLogo();
    const etag = first.headers.get('ETag')!;
    const version = etag.replaceAll('"', '');
    const versioned = await fetchLogo(`?v=${version}`);
    expect(versioned.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    const again = await fetchLogo('', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
  });

  test('a JPEG named logo.png is stored and served as JPEG, from its bytes', async () => {
    const bytes = jpegBytes(2 * kib);
    expect((await upload({ logo: { name: 'logo.png', type: 'image/png', bytes } })).status).toBe(302);
    expect((await storedLogo())?.contentType).toBe('image/jpeg');
    expect((await fetchLogo()).headers.get('Content-Type')).toBe('image/jpeg');
  });

  test('a WebP is accepted', async () => {
    expect((await upload({ logo: { name: 'logo.webp', type: 'image/webp', bytes: webpBytes() } })).status).toBe(302);
    expect((await storedLogo())?.contentType).toBe('image/webp');
  });

  test.each([
    ['text named logo.png and declared PNG', { name: 'logo.png', type: 'image/png', bytes: new TextEncoder().encode('<script>alert(1)</script>') }],
    [
      'an SVG',
      { name: 'logo.svg', type: 'image/svg+xml', bytes: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') },
    ],
    ['a GIF', { name: 'logo.gif', type: 'image/gif', bytes: new TextEncoder().encode('GIF89a') }],
  ])('%s is refused with a French message, and the old logo stays', async (_label, file) => {
    const before = await storedLogo();
    const outcome = await upload({ logo: file });
    expect(outcome.status).toBe(400);
    expect(logoErrors(outcome)).toEqual(['profile.errors.logoType']);
    expect(inFrench('profile.errors.logoType')).toContain('PNG, JPEG ou WebP');
    expect(await storedLogo()).toEqual(before);
  });

  test('512 KiB is accepted; one byte more is refused beside the field', async () => {
    expect((await upload({ logo: { name: 'logo.jpg', type: 'image/jpeg', bytes: jpegBytes(512 * kib) } })).status).toBe(302);
    expect((await storedLogo())?.bytes.byteLength).toBe(512 * kib);

    const outcome = await upload({ logo: { name: 'grand.jpg', type: 'image/jpeg', bytes: jpegBytes(512 * kib + 1) } });
    expect(outcome.status).toBe(400);
    expect(logoErrors(outcome)).toEqual(['profile.errors.logoTooBig']);
    expect(inFrench('profile.errors.logoTooBig')).toContain('512 Kio');
  });

  test('a phone photo of several megabytes is read through and refused beside the field, the other fields kept', async () => {
    const outcome = await upload(
      { logo: { name: 'photo.jpg', type: 'image/jpeg', bytes: jpegBytes(5 * 1024 * kib) } },
      { website: 'https://www.figeacteurs.fr' },
    );
    expect(outcome.status).toBe(400);
    expect(logoErrors(outcome)).toEqual(['profile.errors.logoTooBig']);
    expect(outcome.data.result.initialValue).toMatchObject({ website: 'https://www.figeacteurs.fr' });
    expect(outcome.data.result.initialValue).not.toHaveProperty('logo');
  });

  test('past 16 MiB the form is not read further: a French message, nothing saved', async () => {
    const before = await storedLogo();
    const outcome = await upload({ logo: { name: 'video.jpg', type: 'image/jpeg', bytes: jpegBytes(17 * 1024 * kib) } });
    expect(outcome.status).toBe(413);
    expect(outcome.data.result.error['']).toEqual(['profile.errors.requestTooLarge']);
    expect(inFrench('profile.errors.requestTooLarge')).toMatch(/trop lourd/);
    expect(await storedLogo()).toEqual(before);
  });

  test('a valid logo is not saved when another field is wrong (nothing half-saved)', async () => {
    const before = await storedLogo();
    const outcome = await upload({ logo: { name: 'logo.png', type: 'image/png', bytes: pngBytes } }, { website: 'pas une adresse' });
    expect(outcome.status).toBe(400);
    expect(await storedLogo()).toEqual(before);
  });
});

describe('removing the logo', () => {
  test('asking for a new logo and its removal at once is refused', async () => {
    const outcome = await upload({ logo: { name: 'logo.png', type: 'image/png', bytes: pngBytes } }, { removeLogo: 'on' });
    expect(outcome.status).toBe(400);
    expect(outcome.data.result.error.removeLogo).toEqual(['profile.errors.logoConflict']);
  });

  test('"remove the logo" deletes it, and its address answers 404', async () => {
    expect(await storedLogo()).not.toBeNull();
    expect((await upload({}, { removeLogo: 'on' })).status).toBe(302);
    expect(await storedLogo()).toBeNull();
    expect((await fetchLogo()).status).toBe(404);
  });

  test('saving without choosing a file keeps the logo', async () => {
    expect((await upload({ logo: { name: 'logo.png', type: 'image/png', bytes: pngBytes } })).status).toBe(302);
    expect((await upload({ logo: { name: '', type: 'application/octet-stream', bytes: new Uint8Array() } })).status).toBe(302);
    expect(await storedLogo()).toEqual({ contentType: 'image/png', bytes: pngBytes });
  });

  test('a pole without a logo, or an unknown pole, answers 404', async () => {
    expect((await fetchLogo('', {}, 'causses-cevennes-demo')).status).toBe(404);
    expect((await fetchLogo('', {}, 'pas-un-pole')).status).toBe(404);
  });
});
