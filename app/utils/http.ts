/**
 * The answer for a record that does not exist, and for one the person may not see or act on: the
 * same Response, so that neither the status nor the page tells them apart.
 */
export function notFound(): Response {
  return new Response('Not found', { status: 404 });
}
