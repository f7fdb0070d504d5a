import type { SubmissionResult } from '@conform-to/react';
import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FormMessage, PlainTextarea, SubmitButton } from '#app/components/forms';
import { safeExternalUrl, useLocalFormat } from '#app/components/format';
import { Card, buttonClass } from '#app/components/ui';
import { applicationLimits } from '#app/domain/poles/applications';
import { polePath } from '#app/domain/paths';

/** What the desk's action answers when it does not redirect: the form it is about, and its errors. */
export type ApplicationReply = { formId: string; result: SubmissionResult<string[]> };

export const acceptFormId = (applicationId: string) => `accepter-${applicationId}`;
export const declineFormId = (applicationId: string) => `refuser-${applicationId}`;

type Application = {
  id: string;
  poleName: string;
  town: string;
  postalCode: string;
  contactName: string;
  contactEmail: string;
  description: string;
  website: string | null;
  createdAt: string | Date;
  lookalikes: Array<{ id: string; slug: string; name: string; town: string }>;
};

/** One pending application on the desk: what was sent, then « Accepter » and « Refuser » (with a reason), each its own form. */
export function ApplicationCard({
  application,
  regionName,
  action,
  reply,
}: {
  application: Application;
  regionName: string;
  action: string;
  reply?: ApplicationReply;
}) {
  const { t } = useTranslation();
  const { date } = useLocalFormat();
  const headingId = `demande-${application.id}`;
  const accepting = reply?.formId === acceptFormId(application.id) ? reply.result : undefined;
  const declining = reply?.formId === declineFormId(application.id) ? reply.result : undefined;
  const website = safeExternalUrl(application.website);
  return (
    <Card as="article" className="space-y-4">
      <header className="space-y-1">
        <h3 id={headingId} className="text-xl font-semibold">
          {application.poleName}
        </h3>
        <p className="text-sm text-gray-700">{t('joining.desk.receivedOn', { date: date(application.createdAt), region: regionName })}</p>
      </header>
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[10rem_1fr]">
        <dt className="font-medium">{t('joining.desk.place')}</dt>
        <dd>{t('joining.desk.placeValue', { town: application.town, postalCode: application.postalCode })}</dd>
        <dt className="font-medium">{t('joining.desk.contact')}</dt>
        <dd className="min-w-0 break-words">
          {application.contactName} —{' '}
          <a href={`mailto:${application.contactEmail}`} className="text-brand-800 underline">
            {application.contactEmail}
          </a>
        </dd>
        {website ? (
          <>
            <dt className="font-medium">{t('joining.desk.website')}</dt>
            <dd className="min-w-0 break-words">
              <a href={website} rel="noopener noreferrer nofollow" className="text-brand-800 underline">
                {application.website}
              </a>
            </dd>
          </>
        ) : null}
        <dt className="font-medium">{t('joining.desk.description')}</dt>
        <dd className="whitespace-pre-line">{application.description}</dd>
      </dl>
      {application.lookalikes.length > 0 ? (
        <div>
          <p className="font-medium">{t('joining.desk.lookalikes')}</p>
          <ul className="list-disc pl-6">
            {application.lookalikes.map((pole) => (
              <li key={pole.id}>
                <Link to={polePath(pole.slug)} className="text-brand-800 underline">
                  {pole.name}
                </Link>{' '}
                ({pole.town})
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        <Form method="post" action={action} id={acceptFormId(application.id)} className="space-y-3 rounded border border-gray-300 p-3">
          <input type="hidden" name="intent" value="accept" />
          <input type="hidden" name="applicationId" value={application.id} />
          <FormMessage errors={accepting?.error?.[''] ?? accepting?.error?.target ?? undefined} />
          {application.lookalikes.length > 0 ? (
            <fieldset>
              <legend className="font-medium">{t('joining.desk.target')}</legend>
              {[{ id: 'new', label: t('joining.desk.targetNew', { name: application.poleName }) }]
                .concat(application.lookalikes.map((pole) => ({ id: pole.id, label: t('joining.desk.targetExisting', { name: pole.name, town: pole.town }) })))
                .map((choice, index) => (
                  <div key={choice.id} className="mt-2 flex items-start gap-2">
                    <input
                      type="radio"
                      id={`${acceptFormId(application.id)}-${choice.id}`}
                      name="target"
                      value={choice.id}
                      defaultChecked={index === 0}
                      className="mt-1 h-5 w-5 shrink-0"
                    />
                    <label htmlFor={`${acceptFormId(application.id)}-${choice.id}`}>{choice.label}</label>
                  </div>
                ))}
            </fieldset>
          ) : (
            <>
              <input type="hidden" name="target" value="new" />
              <p className="break-words">{t('joining.desk.acceptNew', { name: application.poleName, email: application.contactEmail })}</p>
            </>
          )}
          <SubmitButton className={buttonClass('primary')}>{t('joining.desk.accept')}</SubmitButton>
        </Form>
        <Form method="post" action={action} id={declineFormId(application.id)} className="rounded border border-gray-300 p-3">
          <input type="hidden" name="intent" value="decline" />
          <input type="hidden" name="applicationId" value={application.id} />
          <FormMessage errors={declining?.error?.[''] ?? undefined} />
          <PlainTextarea
            name="reason"
            label={t('joining.desk.reason')}
            hint={t('joining.desk.reasonHint')}
            field={{ errors: declining?.error?.reason, value: typeof declining?.initialValue?.reason === 'string' ? declining.initialValue.reason : undefined }}
            rows={3}
            maxLength={applicationLimits.decisionNote.max}
          />
          <SubmitButton className={buttonClass('danger')}>{t('joining.desk.decline')}</SubmitButton>
        </Form>
      </div>
    </Card>
  );
}
