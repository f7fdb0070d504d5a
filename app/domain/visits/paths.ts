/** The addresses of the visit pages (to move into app/domain/paths.ts when the pages exist). */

export function visitPath(id: string): string {
  return `/visites/${id}`;
}

/** The « leave the waiting list » link sent by mail to a waiting pole. */
export function leaveWaitingListPath(visitId: string, token: string): string {
  return `/visites/${visitId}/liste-attente/${token}`;
}
