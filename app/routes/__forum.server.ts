import type { LoaderFunctionArgs } from '@remix-run/node';
import { forumSegment } from '#app/domain/forum/topics';
import { findRegion } from '#app/models/forum.server';
import { notFound } from '#app/utils/http';

/** The forum of `/forum/<region code | national>`: its region and names (null for the national one), or a 404. */
export async function requireForum(context: LoaderFunctionArgs['context'], segment: string | undefined) {
  const parsed = forumSegment(segment);
  if (!parsed) throw notFound();
  if (parsed.regionCode === null) return { regionCode: null, region: null };
  const region = await findRegion(context.db, parsed.regionCode);
  if (!region) throw notFound();
  return { regionCode: region.code, region };
}
