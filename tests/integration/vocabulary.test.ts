import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { loadVocabulary } from '#app/models/vocabulary.server';
import { topics } from '#db/schema';
import { setupTestContext } from '#tests/setup/context';

const { services } = await setupTestContext();
const db = services.db;

afterEach(() => vi.useRealTimers());

describe('the vocabulary, read once per process', () => {
  test('regions, topics and sectors come sorted the French way', async () => {
    const vocabulary = await loadVocabulary(db);
    expect(vocabulary.regions.length).toBeGreaterThanOrEqual(18);
    const names = vocabulary.regions.map((region) => region.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'fr')));
    expect(vocabulary.topics.length).toBeGreaterThan(0);
    expect(vocabulary.sectors.length).toBeGreaterThan(0);
  });

  test('a second read within a few minutes does not query the database again', async () => {
    const first = loadVocabulary(db);
    const [topic] = await db.select().from(topics).limit(1);
    await db.update(topics).set({ name: 'Renommé pour le test' }).where(eq(topics.slug, topic!.slug));
    try {
      expect(loadVocabulary(db)).toBe(first);
      expect((await loadVocabulary(db)).topics.some((row) => row.name === 'Renommé pour le test')).toBe(false);
      // Past its lifetime the cache reads again and sees the change.
      vi.useFakeTimers({ now: Date.now() + 6 * 60 * 1000, toFake: ['Date'] });
      expect((await loadVocabulary(db)).topics.some((row) => row.name === 'Renommé pour le test')).toBe(true);
    } finally {
      await db.update(topics).set({ name: topic!.name }).where(eq(topics.slug, topic!.slug));
    }
  });
});
