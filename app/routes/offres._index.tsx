import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { poleMapLinks } from '#app/components/map/pole-map';
import { metaCatalogue } from '#app/components/format';
import { SearchPage } from '#app/components/search/search-page';
import { offerSearchSchema, searchListings } from '#app/models/search.server';
import { getActor } from '#app/utils/permissions.server';
import { redirectWithoutEmptyParams } from '#app/utils/search-params.server';

// Public: anyone finds the published offers; members of a pole also filter by distance from it.
export async function loader({ request, context }: LoaderFunctionArgs) {
  redirectWithoutEmptyParams(request);
  const actor = await getActor(request, context);
  const query = offerSearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const poleIds = actor ? [...actor.poleRoles.keys()] : [];
  const listing = await searchListings(context.db, 'offer', query, { poleIds });
  return { listing, canPublish: poleIds.length > 0 };
}

export default function Offers() {
  const { listing, canPublish } = useLoaderData<typeof loader>();
  return <SearchPage listing={listing} canPublish={canPublish} />;
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaCatalogue(matches).search.offer.metaTitle }];

export const links: LinksFunction = () => poleMapLinks;
