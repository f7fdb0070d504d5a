import type { SerializeFrom } from '@remix-run/node';
import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import { ButtonLink, Card, EmptyState, Figure } from '#app/components/ui';
import { deskPath, polePath, requestPath, twinningPath } from '#app/domain/paths';
import { applicationsPath } from '#app/domain/poles/applications';
import { backlogKinds, type BacklogKind } from '#app/domain/dashboard/rules';
import type { RegionBacklog, RegionDesk } from '#app/models/dashboard.server';

/** Where each backlog list is dealt with: the region's desk pages and the moderation queue (null: not the person's). */
export type BacklogLinks = Record<BacklogKind, string | null> & { desk: string | null };

export function backlogLinks(regionCode: string, rights: { desk: boolean; applications: boolean; moderation: boolean }): BacklogLinks {
  const desk = rights.desk ? deskPath(regionCode) : null;
  return {
    desk,
    applications: rights.applications ? applicationsPath(regionCode) : null,
    poles: desk ? `${desk}&a-valider=1#valider` : null,
    requests: desk ? `${desk}#demandes` : null,
    proposals: desk ? `${desk}#jumelages` : null,
    reports: rights.moderation ? '/moderation' : null,
  };
}

/** The counts of a region, each linking to where it is dealt with. */
export function BacklogFigures({ backlog, links, label }: { backlog: SerializeFrom<RegionBacklog>; links: BacklogLinks; label: string }) {
  const { t } = useTranslation();
  const { number } = useLocalFormat();
  return (
    <dl aria-label={label} className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
      {backlogKinds.map((kind) => (
        <Figure key={kind} label={t(`dashboard.coordination.lists.${kind}`)} value={number(backlog[kind].total)} to={links[kind] ?? undefined} />
      ))}
    </dl>
  );
}

/** A region the person coordinates: its counts, then the first items of each list. */
export function RegionDeskSection({ region, links }: { region: SerializeFrom<RegionDesk>; links: BacklogLinks }) {
  const { t } = useTranslation();
  const { localName, date } = useLocalFormat();
  const id = `region-${region.code}`;
  const { backlog } = region;
  const items: Record<BacklogKind, ReactNode[]> = {
    applications: backlog.applications.items.map((application) => (
      <li key={application.id}>
        {links.applications ? (
          <Link to={`${links.applications}#demande-${application.id}`} className="text-brand-800 underline">
            {application.poleName}
          </Link>
        ) : (
          application.poleName
        )}{' '}
        <span className="text-gray-700">({application.town})</span>
        <span className="block text-sm text-gray-700">{t('dashboard.coordination.receivedOn', { date: date(application.receivedAt) })}</span>
      </li>
    )),
    poles: backlog.poles.items.map((pole) => (
      <li key={pole.id}>
        <Link to={polePath(pole.slug)} className="text-brand-800 underline">
          {pole.name}
        </Link>{' '}
        <span className="text-gray-700">({pole.town})</span>
      </li>
    )),
    requests: backlog.requests.items.map((need) => (
      <li key={need.id}>
        <Link to={requestPath(need.id)} className="text-brand-800 underline">
          {need.title}
        </Link>
        <span className="block text-sm text-gray-700">{t('dashboard.coordination.openedOn', { pole: need.poleName, date: date(need.openedAt) })}</span>
      </li>
    )),
    proposals: backlog.proposals.items.map((twinning) => {
      const waiting = [...(twinning.mentorAnswered ? [] : [twinning.mentorName]), ...(twinning.menteeAnswered ? [] : [twinning.menteeName])];
      return (
        <li key={twinning.id}>
          <Link to={twinningPath(twinning.id)} className="text-brand-800 underline">
            {t('dashboard.coordination.pair', { mentor: twinning.mentorName, mentee: twinning.menteeName })}
          </Link>
          <span className="block text-sm text-gray-700">
            {t('dashboard.coordination.expires', { date: date(twinning.expiresAt) })}
            {waiting.length > 0 ? ` · ${t('dashboard.coordination.waitingFor', { poles: waiting.join(', ') })}` : null}
          </span>
        </li>
      );
    }),
    reports: backlog.reports.items.map((report) => (
      <li key={report.messageId}>
        <Link to={report.path} className="text-brand-800 underline">
          {report.title}
        </Link>
        <span className="block text-sm text-gray-700">{t('dashboard.coordination.reported', { count: report.reports, date: date(report.firstReport) })}</span>
      </li>
    )),
  };
  return (
    <section id={id} aria-labelledby={`${id}-titre`} className="space-y-4 rounded-lg border border-gray-300 bg-gray-50 p-4 sm:p-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 id={`${id}-titre`} className="text-2xl font-semibold">
            {t('dashboard.coordination.title', { region: localName(region) })}
          </h2>
          <p className="text-gray-700">{t('dashboard.coordination.intro')}</p>
        </div>
        <ButtonLink to={deskPath(region.code)} variant="secondary" size="sm">
          {t('dashboard.coordination.desk')}
        </ButtonLink>
      </div>
      <BacklogFigures backlog={backlog} links={links} label={t('dashboard.national.backlogLabel', { region: localName(region) })} />
      <div className="grid gap-4 md:grid-cols-2">
        {backlogKinds.map((kind) => (
          <Card as="section" key={kind} className="min-w-0 space-y-2">
            <h3 className="text-lg font-semibold">{t(`dashboard.coordination.lists.${kind}`)}</h3>
            {items[kind].length === 0 ? (
              <EmptyState>{t(`dashboard.coordination.empty.${kind}`)}</EmptyState>
            ) : (
              <ul className="space-y-2 [overflow-wrap:anywhere]">{items[kind]}</ul>
            )}
            {links[kind] && backlog[kind].total > 0 ? (
              <p>
                <Link to={links[kind]} className="font-semibold text-brand-800 underline">
                  {t(`dashboard.coordination.seeAll.${kind}`)}
                </Link>
              </p>
            ) : null}
          </Card>
        ))}
      </div>
    </section>
  );
}
