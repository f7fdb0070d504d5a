import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { metaCatalogue } from '#app/components/format';
import { HomeFigureList } from '#app/components/home/home-figures';
import { HomeSection, ItemList, TwinningList, VisitCards } from '#app/components/home/home-lists';
import { ButtonLink, EmptyState } from '#app/components/ui';
import { loadHome } from '#app/models/home.server';
import { getActor, hasNoRole } from '#app/utils/permissions.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [actor, home] = await Promise.all([getActor(request, context), loadHome(context.db)]);
  // Each visitor sees the parts that apply to them: joining for the anonymous, their dashboard for the others.
  const viewer =
    actor === null
      ? ('anonymous' as const)
      : actor.poleRoles.size > 0
        ? ('pole-member' as const)
        : hasNoRole(actor)
          ? ('no-pole' as const)
          : ('staff' as const);
  return { viewer, ...home };
}

export default function Home() {
  const { viewer, figures, activity, offers, requests, visits, twinnings } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const member = viewer === 'pole-member';
  // An empty list's one action: publish, for a pole's member; register one's pole, for someone without.
  const fill = (memberPath: string, memberLabel: string) =>
    member ? (
      <ButtonLink to={memberPath} variant="secondary" size="sm">
        {memberLabel}
      </ButtonLink>
    ) : viewer === 'anonymous' || viewer === 'no-pole' ? (
      <ButtonLink to="/inscrire-mon-pole" variant="secondary" size="sm">
        {t('poles.home.join.register')}
      </ButtonLink>
    ) : undefined;
  return (
    <div className="space-y-12">
      <section aria-labelledby="home-title" className="max-w-3xl space-y-4">
        <h1 id="home-title" className="text-4xl font-bold text-brand-800">
          {t('poles.home.title')}
        </h1>
        <p className="text-xl text-gray-900">{t('poles.home.tagline')}</p>
        <p className="text-gray-900">{t('poles.home.lead')}</p>
        <nav aria-label={t('poles.home.shortcuts')}>
          <ul className="flex flex-wrap gap-3">
            <li>
              <ButtonLink to="/offres">{t('poles.home.links.offers')}</ButtonLink>
            </li>
            <li>
              <ButtonLink to="/demandes">{t('poles.home.links.requests')}</ButtonLink>
            </li>
            <li>
              <ButtonLink to="/visites">{t('poles.home.links.visits')}</ButtonLink>
            </li>
            <li>
              <ButtonLink to="/poles">{t('poles.home.browse')}</ButtonLink>
            </li>
            <li>
              <ButtonLink to="/poles#directory-results" variant="secondary">
                {t('poles.home.links.map')}
              </ButtonLink>
            </li>
          </ul>
        </nav>
      </section>

      {viewer === 'anonymous' || viewer === 'no-pole' ? (
        <section aria-labelledby="home-join" className="space-y-3 rounded-lg border border-brand-600 bg-brand-50 p-4" data-testid="home-join">
          <h2 id="home-join" className="text-2xl font-semibold">
            {t('poles.home.join.title')}
          </h2>
          <p className="text-gray-900">{t('poles.home.join.text')}</p>
          <p className="flex flex-wrap gap-3">
            <ButtonLink to="/inscrire-mon-pole">{t('poles.home.join.register')}</ButtonLink>
            {viewer === 'anonymous' ? (
              <ButtonLink to="/connexion" variant="secondary">
                {t('layout.signIn')}
              </ButtonLink>
            ) : null}
            <ButtonLink to="/coordinations" variant="quiet">
              {t('poles.home.join.regionalBodies')}
            </ButtonLink>
          </p>
        </section>
      ) : null}
      {viewer !== 'anonymous' ? (
        <section aria-labelledby="home-mine" className="space-y-3 rounded-lg border border-gray-300 bg-white p-4" data-testid="home-mine">
          <h2 id="home-mine" className="text-2xl font-semibold">
            {t('poles.home.mine.title')}
          </h2>
          <p className="flex flex-wrap gap-3">
            <ButtonLink to="/tableau-de-bord">{t('poles.home.mine.dashboard')}</ButtonLink>
            {member ? (
              <>
                <ButtonLink to="/offres/nouvelle" variant="secondary">
                  {t('poles.home.mine.newOffer')}
                </ButtonLink>
                <ButtonLink to="/demandes/nouvelle" variant="secondary">
                  {t('poles.home.mine.newRequest')}
                </ButtonLink>
              </>
            ) : null}
          </p>
        </section>
      ) : null}

      <div className="grid gap-10 lg:grid-cols-2">
        <HomeSection id="home-offers" title={t('poles.home.offers.title')} all={{ to: '/offres', label: t('poles.home.offers.all') }}>
          <ItemList
            kind="offers"
            items={offers}
            empty={<EmptyState action={fill('/offres/nouvelle', t('poles.home.mine.newOffer'))}>{t('poles.home.offers.empty')}</EmptyState>}
          />
        </HomeSection>
        <HomeSection id="home-requests" title={t('poles.home.requests.title')} all={{ to: '/demandes', label: t('poles.home.requests.all') }}>
          <ItemList
            kind="requests"
            items={requests}
            empty={<EmptyState action={fill('/demandes/nouvelle', t('poles.home.mine.newRequest'))}>{t('poles.home.requests.empty')}</EmptyState>}
          />
        </HomeSection>
      </div>

      <HomeSection id="home-visits" title={t('poles.home.visits.title')} all={{ to: '/visites', label: t('poles.home.visits.all') }}>
        <VisitCards
          visits={visits}
          empty={<EmptyState action={fill('/visites/nouvelle', t('poles.home.visits.host'))}>{t('poles.home.visits.empty')}</EmptyState>}
        />
      </HomeSection>

      <HomeSection id="home-twinnings" title={t('poles.home.twinnings.title')}>
        <TwinningList shown={twinnings.shown} unnamed={twinnings.unnamed} empty={<EmptyState>{t('poles.home.twinnings.empty')}</EmptyState>} />
      </HomeSection>

      <HomeFigureList figures={figures} activity={activity} />

      <section aria-labelledby="home-about" className="max-w-3xl space-y-3">
        <h2 id="home-about" className="text-2xl font-semibold">
          {t('poles.home.aboutTitle')}
        </h2>
        <p className="text-gray-900">{t('poles.home.intro1')}</p>
        <p className="text-gray-900">{t('poles.home.intro2')}</p>
        <p className="text-gray-900">{t('poles.home.intro3')}</p>
      </section>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => {
  const catalogue = metaCatalogue(matches);
  return [{ title: catalogue.poles.home.metaTitle }, { name: 'description', content: catalogue.meta.description }];
};
