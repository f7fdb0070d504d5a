import { notFound } from '#app/utils/http';

/** Any unknown URL: a 404 rendered by the root error boundary, in the site's layout. */
export function loader() {
  throw notFound();
}

export default function NotFound() {
  return null;
}
