import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { poles } from '#db/schema';
import { startTestServer } from '#tests/setup/server';

/**
 * The public pages are valid HTML for the W3C Nu HTML checker (RGAA criterion 8.2), and nothing
 * follows `</html>`. The checker is a Java program (`vnu-jar`); without `java` that part is skipped.
 */
const { origin, services } = await startTestServer();

const vnuJar = String(createRequire(import.meta.url)('vnu-jar'));
const java = spawnSync('java', ['-version'], { stdio: 'ignore' });
const javaMissing = java.error !== undefined || java.status !== 0;
if (javaMissing) console.warn('\n⚠ HTML validity check skipped: no `java` on the PATH (the Nu HTML checker needs Java 11+).\n');

const [figeacteurs] = await services.db.select({ slug: poles.slug }).from(poles).where(eq(poles.name, 'Figeacteurs'));
const pages = ['/', '/poles', `/poles/${figeacteurs!.slug}`, '/offres', '/demandes', '/connexion', '/cette-page-n-existe-pas'];

type VnuMessage = { type: string; subType?: string; message: string; extract?: string; url: string; lastLine?: number };

describe('HTML validity of the public pages', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'ptce-html-'));
  const files = new Map<string, string>();
  const documents = new Map<string, string>();

  beforeAll(async () => {
    for (const [index, page] of pages.entries()) {
      const response = await fetch(`${origin}${page}`);
      expect(response.headers.get('content-type'), page).toContain('text/html');
      const html = await response.text();
      const file = path.join(directory, `page-${index}.html`);
      writeFileSync(file, html);
      files.set(file, page);
      documents.set(page, html);
    }
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  test('nothing but white space follows </html>', () => {
    const trailing = [...documents].flatMap(([page, html]) => {
      const end = html.lastIndexOf('</html>');
      const after = end === -1 ? '(no </html>)' : html.slice(end + '</html>'.length);
      return after.trim() ? [`${page}: ${after.slice(0, 120)}`] : [];
    });
    expect(trailing).toEqual([]);
  });

  test.skipIf(javaMissing)(
    `the Nu HTML checker finds no error${javaMissing ? ' (skipped: no java)' : ''}`,
    async () => {
      // One JVM for every page: it takes seconds to start.
      const output = await promisify(execFile)('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', ...files.keys()], {
        maxBuffer: 16 * 1024 * 1024,
      }).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '' }));
      // vnu writes its JSON report to stderr.
      const report = JSON.parse(output.stderr || output.stdout) as { messages: VnuMessage[] };
      const errors = report.messages
        .filter((message) => message.type === 'error' || message.subType === 'fatal' || message.type === 'non-document-error')
        .map((message) => {
          const page = files.get(decodeURIComponent(new URL(message.url).pathname)) ?? message.url;
          return `${page}${message.lastLine ? `:${message.lastLine}` : ''} — ${message.message}${message.extract ? ` «${message.extract.trim()}»` : ''}`;
        });
      if (errors.length) console.warn(`Nu HTML checker errors:\n${errors.join('\n')}`);
      expect(errors).toEqual([]);
    },
    120_000,
  );
});
