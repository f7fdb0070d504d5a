import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { MaturityChange } from '#app/models/pole-profile.server';
import { useLocalFormat } from '#app/components/format';
import { polePath } from '#app/domain/paths';

/** What the coordinator is told of a region's validated poles changing their declared maturity. */
export function MaturityChanges({ regionCode, regionName, changes }: { regionCode: string; regionName: string; changes: MaturityChange[] }) {
  const { t } = useTranslation();
  const { date } = useLocalFormat();
  const headingId = `maturite-${regionCode}`;
  const label = (maturity: MaturityChange['from']) => (maturity ? t(`maturity.${maturity}`) : t('profile.maturityChanges.unknownMaturity'));
  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <h3 id={headingId} className="text-xl font-semibold">
        {t('profile.maturityChanges.title')}
      </h3>
      <p className="text-sm text-gray-700">{t('profile.maturityChanges.intro')}</p>
      {changes.length === 0 ? (
        <p className="text-gray-700">{t('profile.maturityChanges.none')}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full border-collapse text-left text-sm">
            <caption className="sr-only">{t('profile.maturityChanges.caption', { region: regionName })}</caption>
            <thead className="border-b-2 border-gray-500 bg-gray-50">
              <tr>
                {(['pole', 'change', 'actor', 'date'] as const).map((column) => (
                  <th key={column} scope="col" className="px-3 py-2 font-semibold text-gray-900">
                    {t(`profile.maturityChanges.columns.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {changes.map((change) => (
                <tr key={change.id} className="border-b border-gray-200">
                  <th scope="row" className="px-3 py-2 font-medium">
                    <Link to={polePath(change.pole.slug)} className="text-brand-800 underline">
                      {change.pole.name}
                    </Link>
                  </th>
                  <td className="px-3 py-2">
                    <span aria-hidden="true">{t('profile.maturityChanges.change', { from: label(change.from), to: label(change.to) })}</span>
                    <span className="sr-only">{t('profile.maturityChanges.changeSr', { from: label(change.from), to: label(change.to) })}</span>
                  </td>
                  <td className="px-3 py-2">{change.actorName ?? t('profile.maturityChanges.unknownActor')}</td>
                  <td className="px-3 py-2">{date(change.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
