import { useTranslation } from 'react-i18next';
import { safeExternalUrl } from '#app/components/format';
import { telHref } from '#app/domain/poles/contact';

type Contact = { contactEmail: string | null; contactPhone: string | null; website: string | null };

/** A regional body's public contact as a description list: e-mail (mailto), phone (tel) and website. */
export function BodyContact({ body }: { body: Contact }) {
  const { t } = useTranslation();
  const website = safeExternalUrl(body.website);
  if (!body.contactEmail && !body.contactPhone && !website) return <p className="text-gray-700">{t('joining.coordinations.noContact')}</p>;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
      {body.contactEmail ? (
        <>
          <dt className="font-medium text-gray-900">{t('joining.coordinations.email')}</dt>
          <dd className="min-w-0 break-words">
            <a href={`mailto:${body.contactEmail}`} className="text-brand-800 underline">
              {body.contactEmail}
            </a>
          </dd>
        </>
      ) : null}
      {body.contactPhone ? (
        <>
          <dt className="font-medium text-gray-900">{t('joining.coordinations.phone')}</dt>
          <dd>
            <a href={telHref(body.contactPhone)} className="text-brand-800 underline">
              {body.contactPhone}
            </a>
          </dd>
        </>
      ) : null}
      {website ? (
        <>
          <dt className="font-medium text-gray-900">{t('joining.coordinations.website')}</dt>
          <dd className="min-w-0 break-words">
            <a href={website} className="text-brand-800 underline" rel="noopener noreferrer">
              {body.website}
            </a>
          </dd>
        </>
      ) : null}
    </dl>
  );
}
