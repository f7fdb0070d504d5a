import { Form } from '@remix-run/react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { cardClass, sectionHeadingClass } from '#app/components/account-ui';
import { controlClass, FormMessage, SubmitButton } from '#app/components/forms';
import { useLocalFormat } from '#app/components/format';

export const calendarFeedIntents = { create: 'calendar-feed-create', revoke: 'calendar-feed-revoke' } as const;

/**
 * « Mon agenda privé » on /compte: the feed's address is shown once, right after it is made (the
 * database keeps only its hash); afterwards the page says since when a feed is active.
 */
export function CalendarFeedSection({ feed, answer }: { feed: { createdAt: string | Date } | null; answer?: { success: string | null; feedUrl?: string } }) {
  const { t } = useTranslation();
  const { dateTime } = useLocalFormat();
  const urlId = useId();
  return (
    <section aria-labelledby="calendar-feed-title" className={cardClass}>
      <h2 id="calendar-feed-title" className={sectionHeadingClass}>
        {t('calendar.feed.title')}
      </h2>
      <p className="mt-1 text-sm text-gray-700">{t('calendar.feed.intro')}</p>
      <div className="mt-3">
        <FormMessage success={answer?.success} />
      </div>
      {answer?.feedUrl ? (
        <div className="mb-4">
          <label htmlFor={urlId} className="block font-medium text-gray-900">
            {t('calendar.feed.urlLabel')}
          </label>
          <input id={urlId} type="text" readOnly value={answer.feedUrl} className={`${controlClass} font-mono text-sm`} />
        </div>
      ) : feed ? (
        <p className="mb-4">{t('calendar.feed.activeSince', { date: dateTime(feed.createdAt) })}</p>
      ) : (
        <p className="mb-4">{t('calendar.feed.none')}</p>
      )}
      <div className="flex flex-wrap gap-4">
        <Form method="post">
          <input type="hidden" name="intent" value={calendarFeedIntents.create} />
          <SubmitButton>{feed ? t('calendar.feed.regenerate') : t('calendar.feed.create')}</SubmitButton>
        </Form>
        {feed ? (
          <Form method="post">
            <input type="hidden" name="intent" value={calendarFeedIntents.revoke} />
            <SubmitButton>{t('calendar.feed.revoke')}</SubmitButton>
          </Form>
        ) : null}
      </div>
    </section>
  );
}
