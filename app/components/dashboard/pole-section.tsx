import type { SerializeFrom } from '@remix-run/node';
import { useTranslation } from 'react-i18next';
import { PoleLogo } from '#app/components/poles/pole-logo';
import { ButtonLink, Notice } from '#app/components/ui';
import { polePath } from '#app/domain/paths';
import type { PoleDashboard } from '#app/models/dashboard-poles.server';
import { PoleTwinnings, PoleVisits } from './pole-activity';
import { PoleItems, PoleSuggestions } from './pole-market';
import type { QuickReply } from './quick-actions';

/** What the person may do for this pole, decided by the route from the permissions. */
export type PoleRights = {
  role: 'member' | 'admin';
  offers: { mayCreate: boolean; mayPublish: boolean };
  requests: { mayCreate: boolean; mayPublish: boolean };
  mayHost: boolean;
};

/** One of the person's poles: its twinnings, visits, offers, requests and the offers that answer its needs. */
export function PoleSection({ item, reply }: { item: SerializeFrom<PoleDashboard> & { rights: PoleRights }; reply: QuickReply | undefined }) {
  const { t } = useTranslation();
  const { pole, rights } = item;
  const id = `pole-${pole.slug}`;
  return (
    <section id={id} aria-labelledby={`${id}-titre`} className="space-y-6 rounded-lg border border-gray-300 bg-gray-50 p-4 sm:p-6">
      <header className="flex flex-wrap items-center gap-4">
        <PoleLogo pole={pole} size="small" />
        <div className="min-w-0 flex-1">
          <h2 id={`${id}-titre`} className="text-2xl font-semibold">
            {pole.name}
          </h2>
          <p className="text-sm text-gray-700">{t(rights.role === 'admin' ? 'dashboard.pole.roleAdmin' : 'dashboard.pole.roleMember')}</p>
        </div>
        <ButtonLink to={polePath(pole.slug)} variant="secondary" size="sm">
          {t('dashboard.pole.open')}
        </ButtonLink>
      </header>
      {pole.verified ? null : <Notice tone="info">{t('dashboard.pole.notValidated')}</Notice>}
      <PoleTwinnings headingId={`${id}-jumelages`} twinnings={item.twinnings} />
      <PoleVisits headingId={`${id}-visites`} hosted={item.hosted} booked={item.booked} mayHost={rights.mayHost} />
      <div className="grid gap-6 lg:grid-cols-2">
        <PoleItems kind="offers" headingId={`${id}-offres`} items={item.offers} rights={rights.offers} reply={reply} />
        <PoleItems kind="requests" headingId={`${id}-demandes`} items={item.requests} rights={rights.requests} reply={reply} />
      </div>
      <PoleSuggestions
        headingId={`${id}-suggestions`}
        suggestions={item.suggestions}
        hasOpenRequest={item.requests.some((need) => need.state === 'open')}
        mayCreateRequest={rights.requests.mayCreate}
      />
    </section>
  );
}
