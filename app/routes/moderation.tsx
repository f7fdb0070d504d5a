import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { NavLink, Outlet } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { metaCatalogue } from '#app/components/format';
import { segmentClass } from '#app/components/ui';
import { requirePermission } from '#app/utils/permissions.server';

/** The moderation desk (issue 11): the queue of reported messages and the log, for coordinators (their regions) and national admins (all). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, { action: 'moderation:desk' });
  return null;
}

const linkClass = ({ isActive }: { isActive: boolean }) => segmentClass(isActive);

export default function Moderation() {
  const { t } = useTranslation();
  return (
    <div className="space-y-8">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-3xl font-bold">{t('moderation.title')}</h1>
        <p className="text-gray-700">{t('moderation.intro')}</p>
        <nav aria-label={t('moderation.nav.label')}>
          <ul className="flex flex-wrap gap-2">
            <li>
              <NavLink to="/moderation" end className={linkClass}>
                {t('moderation.nav.queue')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/moderation/journal" className={linkClass}>
                {t('moderation.nav.journal')}
              </NavLink>
            </li>
          </ul>
        </nav>
      </header>
      <Outlet />
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaCatalogue(matches).moderation.metaTitle }];
