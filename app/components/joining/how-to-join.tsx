import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ButtonLink, Notice } from '#app/components/ui';

/** Where a visitor meets an action only a pole can take (ask for support, offer help, book a visit). */
export type JoiningContext = 'offer' | 'request' | 'visit';

/** The address of « Inscrire mon pôle », with the region chosen when the page knows it. */
export function applyPath(regionCode?: string | null): string {
  return regionCode ? `/inscrire-mon-pole?region=${encodeURIComponent(regionCode)}` : '/inscrire-mon-pole';
}

/**
 * What a visitor sees instead of the button: poles talk to poles, so they sign in (and come back
 * here) or register their pole, and may look up who coordinates their region.
 */
export function HowToJoin({ context, redirectTo, regionCode }: { context: JoiningContext; redirectTo: string; regionCode?: string | null }) {
  const { t } = useTranslation();
  return (
    <Notice as="section" aria-labelledby="rejoindre-titre" className="space-y-3 p-4">
      <h2 id="rejoindre-titre" className="text-lg font-semibold">
        {t(`joining.howToJoin.${context}`)}
      </h2>
      <p>{t('joining.howToJoin.text')}</p>
      <div className="flex flex-wrap items-center gap-3">
        <ButtonLink to={`/connexion?redirectTo=${encodeURIComponent(redirectTo)}`}>{t('joining.howToJoin.signIn')}</ButtonLink>
        <ButtonLink to={applyPath(regionCode)} variant="secondary">
          {t('joining.howToJoin.apply')}
        </ButtonLink>
        <Link to="/coordinations" className="text-brand-800 underline">
          {t('joining.howToJoin.coordinations')}
        </Link>
      </div>
    </Notice>
  );
}
