import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { listOutbox } from '#app/utils/mail.server';
import { useLocalFormat } from '#app/components/format';
import { notFound } from '#app/utils/http';
import { accountTitle } from '#app/components/account-ui';
import { Card, EmptyState, Pill, type Tone } from '#app/components/ui';

/** The outbox: queued, sent and failed mails (kept locally when no SMTP server is set), so links can be followed while developing. */
export async function loader({ context }: LoaderFunctionArgs) {
  // Production mail goes out through SMTP; reset and invitation links must never be readable here.
  if (context.env.nodeEnv === 'production') throw notFound();
  return { mails: await listOutbox(context.db) };
}

/** A failed mail stands out; a queued one is on its way. */
const mailTones: Record<'queued' | 'sent' | 'failed', Tone> = { queued: 'info', sent: 'brand', failed: 'danger' };

export default function DevOutbox() {
  const { mails } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const formatDate = useLocalFormat().dateTime;
  return (
    <div className="max-w-3xl">
      <h1 className="text-3xl font-bold text-gray-900">{t('account.outbox.title')}</h1>
      <p className="mt-3 text-gray-700">{t('account.outbox.intro')}</p>
      {mails.length === 0 ? <EmptyState className="mt-6">{t('account.outbox.empty')}</EmptyState> : null}
      <ol className="mt-6 space-y-6">
        {mails.map((mail) => (
          <li key={mail.id}>
            <Card as="article" aria-labelledby={`mail-${mail.id}`}>
              <h2 id={`mail-${mail.id}`} className="text-lg font-semibold text-gray-900">
                {mail.subject}
              </h2>
              <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm text-gray-700">
                <dt>{t('account.outbox.to')}</dt>
                <dd>{mail.to}</dd>
                <dt>{t('account.outbox.date')}</dt>
                <dd>{formatDate(mail.createdAt)}</dd>
                <dt>{t('account.outbox.status')}</dt>
                <dd>
                  <Pill tone={mailTones[mail.status]}>{t(`account.outbox.statuses.${mail.status}`)}</Pill>
                  {mail.sentAt ? ` (${formatDate(mail.sentAt)})` : null}
                </dd>
                <dt>{t('account.outbox.attempts')}</dt>
                <dd>{mail.attempts}</dd>
                {mail.lastError ? (
                  <>
                    <dt>{t('account.outbox.lastError')}</dt>
                    <dd className="break-words">{mail.lastError}</dd>
                  </>
                ) : null}
              </dl>
              <p className="mt-3 whitespace-pre-wrap break-words">
                <Linkified text={mail.text} />
              </p>
            </Card>
          </li>
        ))}
      </ol>
    </div>
  );
}

function Linkified({ text }: { text: string }) {
  // split() with a capture group keeps the URLs at the odd positions.
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return parts.map((part, index) =>
    index % 2 === 1 ? (
      <a key={index} href={part} className="text-brand-800 underline">
        {part}
      </a>
    ) : (
      <Fragment key={index}>{part}</Fragment>
    ),
  );
}

export const meta: MetaFunction = ({ matches }) => accountTitle(matches, (account) => account.outbox.title);
