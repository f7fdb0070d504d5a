import { parseWithZod } from '@conform-to/zod';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData, useRouteLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { NationalOverview } from '#app/components/dashboard/national-overview';
import { PoleSection } from '#app/components/dashboard/pole-section';
import type { QuickReply } from '#app/components/dashboard/quick-actions';
import { backlogLinks, RegionDeskSection } from '#app/components/dashboard/region-backlog';
import { UnreadThreads } from '#app/components/dashboard/unread-threads';
import { metaCatalogue, useLocalFormat } from '#app/components/format';
import { ButtonLink, EmptyState } from '#app/components/ui';
import { quickActionSchema } from '#app/domain/dashboard/rules';
import { loadDashboard } from '#app/models/dashboard.server';
import { changeOfferState, findOfferRef } from '#app/models/offers.server';
import { changeRequestState, findRequestRef } from '#app/models/requests.server';
import type { loader as rootLoader } from '#app/root';
import { readForm } from '#app/utils/form.server';
import { notFound } from '#app/utils/http';
import { redirectWithNote, requireActor } from '#app/utils/market-routes.server';
import { allowed, requirePermission } from '#app/utils/permissions.server';

const dashboardPath = '/tableau-de-bord';

/**
 * The start page (issue 12), where sign-in leads: one page whose parts follow the person's roles
 * (a person may have several): their unread threads; for each of their poles, its twinnings,
 * visits, offers and requests (with one-click state changes) and offers that answer its needs; for
 * a coordinator, each region's backlog; for the national council, the figures and every region's backlog.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const national = allowed(actor, { action: 'figures:read', regionCode: null });
  const dashboard = await loadDashboard(context.db, {
    userId: actor.userId,
    poleIds: [...actor.poleRoles.keys()],
    regionCodes: [...actor.regionCodes],
    national,
  });
  const rightsOf = (pole: { id: string; regionCode: string; verified: boolean }) => ({
    role: actor.poleRoles.get(pole.id) ?? ('member' as const),
    offers: { mayCreate: allowed(actor, { action: 'offer:create', pole }), mayPublish: allowed(actor, { action: 'offer:publish', pole }) },
    requests: { mayCreate: allowed(actor, { action: 'request:create', pole }), mayPublish: allowed(actor, { action: 'request:publish', pole }) },
    mayHost: allowed(actor, { action: 'visit:create', pole }),
  });
  return {
    ...dashboard,
    poles: dashboard.poles.map((item) => ({ ...item, rights: rightsOf(item.pole) })),
    /** The regions whose desk the person opens (the national admin: all; the observer: none). */
    deskRegions: (dashboard.national?.regions ?? dashboard.regions).flatMap((region) =>
      allowed(actor, { action: 'pairing:desk', regionCode: region.code }) ? [region.code] : [],
    ),
    /** The regions whose applications (« Inscrire mon pôle ») the person reviews. */
    reviewRegions: (dashboard.national?.regions ?? dashboard.regions).flatMap((region) =>
      allowed(actor, { action: 'pole-application:review', regionCode: region.code }) ? [region.code] : [],
    ),
    moderates: allowed(actor, { action: 'moderation:desk' }),
  };
}

/**
 * The one-click state changes (a plain POST per button): the item's own permission and model
 * function, as on its page (`offres.$id.tsx`, `demandes.$id.tsx`), then back here with a note.
 * Another pole's item answers 404, as a wrong id does.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  await requireActor(request, context);
  const submission = parseWithZod(await readForm(request), { schema: quickActionSchema });
  const itemId = String(submission.payload.itemId ?? '');
  if (submission.status !== 'success') return replyWith(itemId, submission.reply(), 400);
  const input = submission.value;
  if (input.intent === 'offer-state') {
    const offer = await findOfferRef(context.db, input.itemId);
    if (!offer) throw notFound();
    const actor = await requirePermission(request, context, { action: 'offer:edit', offer });
    const outcome = await changeOfferState(context.db, {
      offerId: offer.id,
      poleId: offer.poleId,
      state: input.state,
      mayPublish: (pole) => allowed(actor, { action: 'offer:publish', pole }),
    });
    return afterChange(context, outcome, { itemId, title: offer.title, note: `market.notices.offerState.${input.state}` });
  }
  const need = await findRequestRef(context.db, input.itemId);
  if (!need) throw notFound();
  const actor = await requirePermission(request, context, { action: 'request:edit', request: need });
  const outcome = await changeRequestState(context.db, {
    requestId: need.id,
    poleId: need.poleId,
    state: input.state,
    mayPublish: (pole) => allowed(actor, { action: 'request:publish', pole }),
  });
  return afterChange(context, outcome, { itemId, title: need.title, note: `market.notices.requestState.${input.state}` });
}

function replyWith(itemId: string, result: { error?: Record<string, string[] | null> | null }, status: number) {
  const errors = Object.values(result.error ?? {}).flatMap((list) => list ?? []);
  return data<QuickReply>({ itemId, errors }, { status });
}

async function afterChange(
  context: ActionFunctionArgs['context'],
  outcome: 'changed' | 'not-found' | 'refused',
  change: { itemId: string; title: string; note: string },
) {
  if (outcome === 'not-found') throw notFound();
  // Making it public again needs a validated pole: the member sees the item, so the page says why.
  if (outcome === 'refused') return replyWith(change.itemId, { error: { state: ['market.errors.publishingNeedsValidation'] } }, 403);
  return redirectWithNote(context, dashboardPath, change.note, change.title);
}

export default function Dashboard() {
  const { unread, poles, regions, national, deskRegions, reviewRegions, moderates } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const root = useRouteLoaderData<typeof rootLoader>('root');
  const { t } = useTranslation();
  const { localName } = useLocalFormat();
  const linksOf = (regionCode: string) =>
    backlogLinks(regionCode, { desk: deskRegions.includes(regionCode), applications: reviewRegions.includes(regionCode), moderation: moderates });
  const parts = [
    ...poles.map((item) => ({ id: `pole-${item.pole.slug}`, label: item.pole.name })),
    ...regions.map((region) => ({ id: `region-${region.code}`, label: t('dashboard.coordination.title', { region: localName(region) }) })),
    ...(national ? [{ id: 'national', label: t('dashboard.national.title') }] : []),
  ];
  return (
    <div className="space-y-10">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">{t('dashboard.title')}</h1>
        {root?.user ? <p className="text-gray-700">{t('dashboard.greeting', { name: root.user.name })}</p> : null}
        {parts.length > 1 ? (
          <nav aria-label={t('dashboard.jump')}>
            <ul className="flex flex-wrap gap-x-4 gap-y-1">
              {parts.map((part) => (
                <li key={part.id}>
                  <a href={`#${part.id}`} className="text-brand-800 underline">
                    {part.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <UnreadThreads unread={unread} />
      {poles.map((item) => (
        <PoleSection key={item.pole.id} item={item} reply={reply} />
      ))}
      {regions.map((region) => (
        <RegionDeskSection key={region.code} region={region} links={linksOf(region.code)} />
      ))}
      {national ? <NationalOverview national={national} linksOf={linksOf} /> : null}
      {parts.length === 0 ? (
        <EmptyState
          action={
            <ButtonLink to="/poles" variant="secondary" size="sm">
              {t('dashboard.noRoleAction')}
            </ButtonLink>
          }
        >
          {t('dashboard.noRole')}
        </EmptyState>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaCatalogue(matches).dashboard.metaTitle }];
