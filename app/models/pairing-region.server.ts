import type { AppContext } from '#app/context.server';
import { isLanguage, type Language } from '#app/i18n';
import { i18next } from '#app/i18next.server';
import { notFound } from '#app/utils/http';
import { requirePermission, type Actor } from '#app/utils/permissions.server';
import { deskRegions, type DeskRegion } from './pairing.server';

/**
 * The region a desk page shows (`?region=<code>`, by default the person's first), guarded: a
 * region the person may not pair in answers 404 like a page that does not exist.
 */
export async function requireDeskRegion(
  request: Request,
  context: AppContext,
): Promise<{ actor: Actor; regions: DeskRegion[]; region: DeskRegion | null; language: Language }> {
  const actor = await requirePermission(request, context, { action: 'coordination:access' });
  const regions = await deskRegions(context.db, actor);
  const asked = new URL(request.url).searchParams.get('region');
  const region = asked ? regions.find((item) => item.code === asked) : regions[0];
  if (asked && !region) throw notFound();
  if (region) await requirePermission(request, context, { action: 'pairing:desk', regionCode: region.code });
  const locale = await i18next.getLocale(request);
  return { actor, regions, region: region ?? null, language: isLanguage(locale) ? locale : 'fr' };
}
