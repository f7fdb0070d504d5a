import { useTranslation } from 'react-i18next';

type HistoryEntry = { id: string; action: string; at: Date | string; actorName: string | null; reason: string | null; data: Record<string, unknown> };
type Pole = { id: string; name: string };

/** The catalogue key of each audit event about a twinning (`twinnings.history.events.*`). */
const eventKeys: Record<string, string> = {
  'twinning.proposed': 'proposed',
  'twinning.accepted': 'accepted',
  'twinning.activated': 'activated',
  'twinning.declined': 'declined',
  'twinning.acceptance-refused': 'acceptanceRefused',
  'twinning.expired': 'expired',
  'twinning.cancelled': 'cancelled',
  'twinning.completed': 'completed',
  'twinning.evaluated': 'evaluated',
  'twinning.goal-added': 'goalAdded',
  'twinning.goal-ticked': 'goalTicked',
  'twinning.notes-edited': 'notesEdited',
  'twinning.publicity-changed': 'publicityGiven',
};

/** The key of one entry: some events read differently by their data (a goal unticked, a consent withdrawn). */
function eventKey(entry: HistoryEntry): string {
  if (entry.action === 'twinning.goal-ticked' && entry.data.done === false) return 'goalUnticked';
  if (entry.action === 'twinning.publicity-changed' && entry.data.shows === false) return 'publicityWithdrawn';
  return eventKeys[entry.action] ?? 'other';
}

/** A day as 12/03/2026 (en: 12/03/2026 too, day first), in Paris time like every date of the site. */
export function useShortDate() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'short', timeZone: 'Europe/Paris' });
  return (value: Date | string) => format.format(new Date(value));
}

/** Every event of the twinning, oldest first, each as a sentence (« 12/03/2026 — Claire Dubois a accepté pour Figeacteurs »). */
export function TwinningHistory({ entries, mentor, mentee }: { entries: readonly HistoryEntry[]; mentor: Pole; mentee: Pole }) {
  const { t } = useTranslation();
  const shortDate = useShortDate();
  const poleName = (id: unknown) => (id === mentor.id ? mentor.name : id === mentee.id ? mentee.name : '');
  return (
    <section aria-labelledby="history-title" className="space-y-3">
      <h2 id="history-title" className="text-xl font-semibold text-gray-900">
        {t('twinnings.history.title')}
      </h2>
      <ol className="space-y-2 border-l-2 border-gray-300 pl-4">
        {entries.map((entry) => {
          const values = {
            actor: entry.actorName ?? t('twinnings.history.system'),
            pole: poleName(entry.data.poleId),
            title: String(entry.data.title ?? ''),
            rating: String(entry.data.rating ?? ''),
            capacity: String(entry.data.capacity ?? ''),
            activeLoad: String(entry.data.activeLoad ?? ''),
            action: entry.action,
          };
          return (
            <li key={entry.id} className="text-gray-900">
              <p>{t('twinnings.history.line', { date: shortDate(entry.at), event: t(`twinnings.history.events.${eventKey(entry)}`, values) })}</p>
              {entry.reason ? <p className="text-sm text-gray-700">{t('twinnings.history.reason', { reason: entry.reason })}</p> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
