import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { safeExternalUrl } from '#app/components/format';
import { ButtonLink, buttonClass, cardClass } from '#app/components/ui';
import { askTwinningPath, polePath } from '#app/domain/paths';
import { isEmailContact, PublicContact } from './public-contact';

export type PoleActionsData = {
  /** Where « Contacter ce pôle » starts a conversation (about its latest offer, else request), when the person may. */
  contactPath: string | null;
  canAskTwinning: boolean;
  canEdit: boolean;
  canViewMembers: boolean;
  /** Someone with no pole of their own: `anonymous` is also offered to sign in. */
  joining: 'anonymous' | 'no-pole' | null;
};

/**
 * What one can do from a pole's page, as buttons: contact it (a conversation, its public e-mail or
 * phone, its website), ask for a twinning with it; for someone without a pole, register theirs
 * (« Inscrire mon pôle », in the pole's region) and sign in. Plain links: no JavaScript.
 */
export function PoleActions({
  pole,
  actions,
}: {
  pole: { slug: string; name: string; regionCode: string; publicContact: string | null; website: string | null };
  actions: PoleActionsData;
}) {
  const { t } = useTranslation();
  const website = safeExternalUrl(pole.website);
  const here = polePath(pole.slug);
  const reachable = actions.contactPath !== null || actions.canAskTwinning || pole.publicContact !== null || website !== null;
  return (
    <div className="space-y-3">
      {reachable ? (
        <p className="flex flex-wrap gap-3">
          {actions.contactPath ? <ButtonLink to={actions.contactPath}>{t('poles.actions.contact')}</ButtonLink> : null}
          {actions.canAskTwinning ? (
            <ButtonLink to={askTwinningPath(pole.slug)} variant="secondary">
              {t('followUp.ask.link')}
            </ButtonLink>
          ) : null}
          {pole.publicContact ? (
            <PublicContact contact={pole.publicContact} className={buttonClass('secondary')}>
              {/* The address or number itself is written in the pole's facts below. */}
              {isEmailContact(pole.publicContact) ? t('poles.actions.email') : t('poles.actions.phone')}
            </PublicContact>
          ) : null}
          {website ? (
            <a href={website} rel="noopener noreferrer" className={buttonClass('secondary')}>
              {t('poles.actions.website')} <span className="sr-only">{t('poles.profile.externalLink')}</span>
            </a>
          ) : null}
        </p>
      ) : null}
      {actions.joining ? (
        <div className={`${cardClass('brand')} flex flex-wrap items-center gap-3`} data-testid="join-block">
          <p className="text-gray-900">{t('poles.actions.joinIntro')}</p>
          <ButtonLink to={`/inscrire-mon-pole?region=${pole.regionCode}`} size="sm">
            {t('poles.actions.join')}
          </ButtonLink>
          {actions.joining === 'anonymous' ? (
            <ButtonLink to={`/connexion?redirectTo=${encodeURIComponent(here)}`} variant="secondary" size="sm">
              {t('layout.signIn')}
            </ButtonLink>
          ) : null}
        </div>
      ) : null}
      {actions.canEdit || actions.canViewMembers ? (
        <p className="flex flex-wrap gap-x-6 gap-y-2">
          {actions.canEdit ? (
            <Link to={polePath(pole.slug, 'modifier')} className="font-semibold text-brand-800 underline">
              {t('profile.editor.edit')}
            </Link>
          ) : null}
          {actions.canViewMembers ? (
            <Link to={polePath(pole.slug, 'membres')} className="font-semibold text-brand-800 underline">
              {t('poles.profile.members')}
            </Link>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
