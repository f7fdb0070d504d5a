/**
 * The addresses of the app's pages, built in one place: a page that moves changes here only.
 * Ids and slugs come from the database (uuids, `[a-z0-9-]` slugs), so they need no encoding.
 */

export function polePath(slug: string, page?: 'modifier' | 'membres'): string {
  return page ? `/poles/${slug}/${page}` : `/poles/${slug}`;
}

export function offerPath(id: string, page?: 'modifier'): string {
  return page ? `/offres/${id}/${page}` : `/offres/${id}`;
}

export function requestPath(id: string, page?: 'modifier'): string {
  return page ? `/demandes/${id}/${page}` : `/demandes/${id}`;
}

export function conversationPath(id: string): string {
  return `/conversations/${id}`;
}

/** Any live thread's page, found from its id alone (`/fils/<id>` redirects), at one message if given. */
export function threadLinkPath(threadId: string, messageId?: string): string {
  return `/fils/${threadId}${messageId ? `?message=${messageId}` : ''}`;
}

/** A reset link's page, in the language of the mail that carries it. */
export function resetPasswordPath(token: string, language: string): string {
  return `/reinitialiser/${token}?lng=${language}`;
}

/** An invitation link's page, in the language of the mail that carries it. */
export function invitationPath(token: string, language: string): string {
  return `/invitation/${token}?lng=${language}`;
}

export function twinningPath(id: string): string {
  return `/jumelages/${id}`;
}

/** The pairing desk of a region (a national admin picks the region; a coordinator's first region is the default). */
export function deskPath(regionCode?: string): string {
  return regionCode ? `/coordination?region=${regionCode}` : '/coordination';
}

/** The form by which a pole asks its coordinator for a twinning with the pole `withSlug`. */
export function askTwinningPath(withSlug: string): string {
  return `/jumelages/demander?avec=${withSlug}`;
}

/** A visit's page, or one of its sub-pages (edit, .ics, attendance, printable attendance sheet, feedback). */
export function visitPath(id: string, page?: 'modifier' | 'calendrier' | 'presences' | 'emargement' | 'avis'): string {
  return page ? `/visites/${id}/${page}` : `/visites/${id}`;
}

/** The form that creates a visit, optionally from one of the pole's offers or for an active twinning. */
export function newVisitPath(from?: { offre?: string; jumelage?: string; conversation?: string }): string {
  const query = new URLSearchParams(Object.entries(from ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return query.size > 0 ? `/visites/nouvelle?${query}` : '/visites/nouvelle';
}

/** The « leave the waiting list » link sent by mail to a waiting pole. */
export function leaveWaitingListPath(visitId: string, token: string): string {
  return `/visites/${visitId}/liste-attente/${token}`;
}

/** A person's private calendar feed (the token is the secret; a new one revokes the old). */
export function calendarFeedPath(token: string): string {
  return `/calendrier/${token}`;
}

/** A forum: a region's (`/forum/<region code>`) or the national one (`regionCode` null: `/forum/national`). */
export function forumPath(regionCode: string | null, page?: number): string {
  const path = `/forum/${regionCode ?? 'national'}`;
  return page && page > 1 ? `${path}?page=${page}` : path;
}

/** A topic of a forum. */
export function forumTopicPath(regionCode: string | null, threadId: string): string {
  return `${forumPath(regionCode)}/${threadId}`;
}

/** A learning visit's discussion (its host and the booked poles). */
export function visitDiscussionPath(visitId: string): string {
  return `/visites/${visitId}/discussion`;
}

/**
 * The page of a live thread, whatever it hangs from: a forum topic, a visit's discussion (its
 * `visitId` is needed), or a conversation page (an offer's, a request's, a twinning's).
 */
export function threadPagePath(thread: { id: string; subjectType: string; regionCode: string | null; visitId?: string | null }): string {
  if (thread.subjectType === 'forum') return forumTopicPath(thread.regionCode, thread.id);
  if (thread.subjectType === 'visit' && thread.visitId) return visitDiscussionPath(thread.visitId);
  return conversationPath(thread.id);
}
