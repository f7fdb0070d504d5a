import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FranceMap, MapDots, type MapPoint } from '#app/components/map/france-map';

/**
 * The pole on a small map of metropolitan France, with no JavaScript: an inline SVG where every
 * pole of the directory is a grey dot and this one a large green dot. Its accessible name says the
 * town and region in words; the links lead to OpenStreetMap (streets around it) and to the poles
 * of the region in the directory (its interactive map). An overseas pole gets a sentence instead.
 */
export function PoleLocator({
  locator,
  place,
}: {
  locator: { here: MapPoint | null; others: MapPoint[]; openStreetMap: string };
  place: { name: string; town: string; region: string; regionCode: string };
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="pole-place" className="space-y-3">
      <h2 id="pole-place" className="text-2xl font-semibold">
        {t('poles.profile.place')}
      </h2>
      {locator.here ? (
        <FranceMap title={t('poles.profile.locatorLabel', place)} titleId="pole-locator-title" className="h-auto w-full max-w-xs" testId="pole-locator">
          <MapDots points={locator.others} radius={9} className="fill-gray-400" />
          <circle cx={locator.here.x} cy={locator.here.y} r={22} className="fill-brand-600 stroke-white" strokeWidth={6} data-testid="pole-locator-here" />
        </FranceMap>
      ) : (
        <p className="text-gray-900">{t('poles.profile.overseas', place)}</p>
      )}
      <ul className="space-y-1">
        <li>
          <a href={locator.openStreetMap} rel="noopener noreferrer" className="text-brand-800 underline">
            {t('poles.profile.openStreetMap', place)} <span className="sr-only">{t('poles.profile.externalLink')}</span>
          </a>
        </li>
        <li>
          <Link to={`/poles?region=${place.regionCode}`} className="text-brand-800 underline">
            {t('poles.profile.regionPoles', place)}
          </Link>
        </li>
      </ul>
    </section>
  );
}
