import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { poleMapLinks } from '#app/components/map/pole-map';
import { metaCatalogue } from '#app/components/format';
import { SearchPage } from '#app/components/search/search-page';
import { requestSearchSchema, searchListings } from '#app/models/search.server';
import { getActor } from '#app/utils/permissions.server';
import { redirectWithoutEmptyParams } from '#app/utils/search-params.server';

// Public: anyone finds the requests still open; members of a pole also filter by distance from it.
export async function loader({ request, context }: LoaderFunctionArgs) {
  redirectWithoutEmptyParams(request);
  const actor = await getActor(request, context);
  const query = requestSearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const poleIds = actor ? [...actor.poleRoles.keys()] : [];
  const listing = await searchListings(context.db, 'request', query, { poleIds });
  return { listing, canPublish: poleIds.length > 0 };
}

export default function Requests() {
  const { listing, canPublish } = useLoaderData<typeof loader>();
  return <SearchPage listing={listing} canPublish={canPublish} />;
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaCatalogue(matches).search.request.metaTitle }];

export const links: LinksFunction = () => poleMapLinks;
