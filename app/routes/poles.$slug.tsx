import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorTitle } from '#app/components/error-page';
import { FictionalBadge, MaturityBadge, StatusBadge, VerifiedBadge } from '#app/components/poles/badges';
import { metaCatalogue, safeExternalUrl, useLocalFormat } from '#app/components/format';
import { PoleActions } from '#app/components/poles/pole-actions';
import { PoleLocator } from '#app/components/poles/pole-locator';
import { PoleLogo } from '#app/components/poles/pole-logo';
import { PoleMarket } from '#app/components/poles/pole-market';
import { PoleTwinnings } from '#app/components/poles/pole-twinnings';
import { PublicContact } from '#app/components/poles/public-contact';
import { MentoringCard } from '#app/components/poles/mentoring-card';
import { PoleVisits } from '#app/components/visits/pole-visits';
import { Notice } from '#app/components/ui';
import { contactPath } from '#app/domain/conversations/messages';
import { loadPoleActivity } from '#app/models/pole-page.server';
import { getPoleProfile } from '#app/models/poles.server';
import { allowed, getActor, hasNoRole } from '#app/utils/permissions.server';
import { notFound } from '#app/utils/http';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const [actor, pole] = await Promise.all([getActor(request, context), getPoleProfile(context.db, params.slug ?? '')]);
  if (!pole) throw notFound();
  const poleRef = { id: pole.id, regionCode: pole.regionCode };
  const insider = allowed(actor, { action: 'pole:view-members', pole: poleRef });
  const activity = await loadPoleActivity(context.db, pole.id, { insider });
  // The person has a pole of their own to write from; which of theirs may (validated) is the contact page's question.
  const canContact = allowed(actor, { action: 'conversation:contact', toPole: poleRef });
  // A conversation is about an offer or a request: the latest offer, else the latest request.
  const [offer] = activity.offers;
  const [need] = activity.requests;
  const subject = offer ? { kind: 'offer' as const, id: offer.id } : need ? { kind: 'request' as const, id: need.id } : null;
  return {
    // Who validated is shown to the pole's members and coordinators only: a visitor sees the date.
    pole: { ...pole, verifiedByName: insider ? pole.verifiedByName : null },
    canViewMembers: insider,
    canEdit: allowed(actor, { action: 'pole:edit', pole: poleRef }),
    // The ask page says why when none of the person's poles may ask yet (e.g. not validated).
    canAskTwinning: canContact,
    contactPath: canContact && subject ? contactPath(subject) : null,
    canPublish: actor?.poleRoles.has(pole.id) ?? false,
    joining: actor === null ? ('anonymous' as const) : hasNoRole(actor) ? ('no-pole' as const) : null,
    ...activity,
  };
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="border-b border-gray-200 py-2 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="font-medium text-gray-900">{label}</dt>
      <dd className="text-gray-900 sm:col-span-2">{children}</dd>
    </div>
  );
}

export default function PolePage() {
  const data = useLoaderData<typeof loader>();
  const { pole, mentoring, visits } = data;
  const { t } = useTranslation();
  const { localName, date, number } = useLocalFormat();
  const website = safeExternalUrl(pole.website);
  const unknown = <span className="text-gray-700">{t('poles.profile.unknown')}</span>;
  return (
    <article className="max-w-5xl space-y-8">
      <p>
        <Link to="/poles" className="text-brand-800 underline">
          <span aria-hidden="true">← </span>
          {t('poles.profile.backToDirectory')}
        </Link>
      </p>
      <header className="space-y-4">
        <div className="flex items-center gap-4">
          <PoleLogo pole={pole} size="large" />
          <div className="min-w-0 space-y-1">
            <h1 className="break-words text-3xl font-bold">{pole.name}</h1>
            <p className="text-lg text-gray-700">
              {pole.town} ({pole.departmentCode}), {localName(pole.region)}
            </p>
          </div>
        </div>
        <p className="flex flex-wrap gap-2">
          <StatusBadge status={pole.status} />
          <MaturityBadge maturity={pole.maturity} />
          {pole.verifiedAt ? <VerifiedBadge /> : null}
          {pole.fictional ? <FictionalBadge /> : null}
        </p>
        {pole.fictional ? (
          <Notice tone="warning" role="note">
            {t('poles.profile.fictionalNotice')}
          </Notice>
        ) : null}
        <PoleActions pole={pole} actions={data} />
      </header>

      <section aria-labelledby="pole-description" className="space-y-2">
        <h2 id="pole-description" className="text-2xl font-semibold">
          {t('poles.profile.description')}
        </h2>
        {pole.description ? (
          <p className="whitespace-pre-line text-gray-900">{pole.description}</p>
        ) : (
          <p className="text-gray-700">{t('poles.profile.noDescription')}</p>
        )}
      </section>

      <PoleMarket offers={data.offers} requests={data.requests} canPublish={data.canPublish} />

      {mentoring ? <MentoringCard profile={mentoring} /> : null}

      <PoleTwinnings poleId={pole.id} twinnings={data.twinnings} unnamed={data.unnamedTwinnings} />

      <PoleVisits upcoming={visits.upcoming} past={visits.past} record={visits.record} />

      <div className="grid gap-8 lg:grid-cols-3">
        <section aria-labelledby="pole-identity" className="space-y-2 lg:col-span-2">
          <h2 id="pole-identity" className="text-2xl font-semibold">
            {t('poles.profile.identity')}
          </h2>
          <dl>
            <Fact label={t('poles.profile.town')}>{pole.town}</Fact>
            <Fact label={t('poles.profile.department')}>{pole.departmentCode}</Fact>
            <Fact label={t('poles.profile.region')}>{localName(pole.region)}</Fact>
            <Fact label={t('poles.profile.status')}>{t(`status.${pole.status}`)}</Fact>
            <Fact label={t('poles.profile.maturity')}>{t(`maturity.${pole.maturity}`)}</Fact>
            <Fact label={t('poles.profile.sectors')}>{pole.sectors.length > 0 ? pole.sectors.map(localName).join(' · ') : unknown}</Fact>
            <Fact label={t('poles.profile.foundedYear')}>{pole.foundedYear ?? unknown}</Fact>
            <Fact label={t('poles.profile.memberCount')}>{pole.memberCount !== null ? number(pole.memberCount) : unknown}</Fact>
            <Fact label={t('poles.profile.animation')}>{t(`animation.${pole.animation}`)}</Fact>
            <Fact label={t('poles.profile.website')}>
              {website ? (
                <a href={website} rel="noopener noreferrer" className="break-all text-brand-800 underline">
                  {website} <span className="sr-only">{t('poles.profile.externalLink')}</span>
                </a>
              ) : (
                unknown
              )}
            </Fact>
            <Fact label={t('profile.page.publicContact')}>{pole.publicContact ? <PublicContact contact={pole.publicContact} /> : unknown}</Fact>
            <Fact label={t('poles.profile.verification')}>
              {pole.verifiedAt
                ? pole.verifiedByName
                  ? t('poles.profile.verifiedOnBy', { date: date(pole.verifiedAt), name: pole.verifiedByName })
                  : t('poles.profile.verifiedOn', { date: date(pole.verifiedAt) })
                : t('poles.profile.notVerified')}
            </Fact>
          </dl>
          {pole.reportNumber !== null ? <p className="text-sm text-gray-700">{t('poles.profile.reportNote', { number: pole.reportNumber })}</p> : null}
        </section>
        <PoleLocator locator={data.locator} place={{ name: pole.name, town: pole.town, region: localName(pole.region), regionCode: pole.regionCode }} />
      </div>
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => {
  const catalogue = metaCatalogue(matches);
  return [{ title: data ? `${data.pole.name} — Erasmus PTCE` : `${errorTitle(error, catalogue.errors)} — Erasmus PTCE` }];
};
