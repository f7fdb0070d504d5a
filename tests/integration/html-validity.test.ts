import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { poles } from '#db/schema';
import { javaMissing, javaMissingReason, expectValidHtml, nuTestTitle } from '#tests/setup/html-checker';
import { startTestServer } from '#tests/setup/server';

/**
 * The public pages are valid HTML for the W3C Nu HTML checker (RGAA criterion 8.2), and nothing
 * follows `</html>`. The checker is a Java program (`vnu-jar`); without `java` that part is skipped.
 */
const { origin, services } = await startTestServer();

if (javaMissing) console.warn(`\n⚠ HTML validity check skipped: ${javaMissingReason}.\n`);

const [figeacteurs] = await services.db.select({ slug: poles.slug }).from(poles).where(eq(poles.name, 'Figeacteurs'));
const pages = ['/', '/poles', `/poles/${figeacteurs!.slug}`, '/offres', '/demandes', '/connexion', '/cette-page-n-existe-pas'];

describe('HTML validity of the public pages', () => {
  const documents = new Map<string, string>();

  beforeAll(async () => {
    for (const page of pages) {
      const response = await fetch(`${origin}${page}`);
      expect(response.headers.get('content-type'), page).toContain('text/html');
      documents.set(page, await response.text());
    }
  });

  test('nothing but white space follows </html>', () => {
    const trailing = [...documents].flatMap(([page, html]) => {
      const end = html.lastIndexOf('</html>');
      const after = end === -1 ? '(no </html>)' : html.slice(end + '</html>'.length);
      return after.trim() ? [`${page}: ${after.slice(0, 120)}`] : [];
    });
    expect(trailing).toEqual([]);
  });

  test.skipIf(javaMissing)(
    nuTestTitle,
    async () => {
      await expectValidHtml(documents);
    },
    120_000,
  );
});
