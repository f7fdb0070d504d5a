import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { SubmitButton, secondaryButtonClass } from '#app/components/forms';
import { Card } from '#app/components/ui';
import type { TwinningSide, TwinningState } from '#app/domain/pairing/lifecycle';
import { shownPublicly } from '#app/domain/pairing/publicity';

type PublicitySide = { side: TwinningSide; pole: { name: string }; showsPublicly: boolean; canSetPublicity: boolean };

/**
 * Whether the twinning appears on public pages (the two poles' pages, the home page): only while
 * it is under way and when both poles agreed. Each side says where it stands; a pole admin gives
 * or withdraws their own side's consent with a plain form (no JavaScript needed).
 */
export function TwinningPublicity({ state, sides }: { state: TwinningState; sides: readonly PublicitySide[] }) {
  const { t } = useTranslation();
  const consent = (side: TwinningSide) => sides.some((entry) => entry.side === side && entry.showsPublicly);
  const consents = { mentorShowsPublicly: consent('mentor'), menteeShowsPublicly: consent('mentee') };
  const both = consents.mentorShowsPublicly && consents.menteeShowsPublicly;
  const status = shownPublicly({ state, ...consents }) ? 'shown' : both ? 'shownOnceActive' : 'hidden';
  return (
    <Card as="section" aria-labelledby="publicity-title" className="space-y-3" data-testid="twinning-publicity">
      <h2 id="publicity-title" className="text-xl font-semibold text-gray-900">
        {t('twinnings.publicity.title')}
      </h2>
      <p className="text-gray-900">{t(`twinnings.publicity.${status}`)}</p>
      <ul className="list-disc space-y-1 pl-6">
        {sides.map((entry) => (
          <li key={entry.side}>{t(entry.showsPublicly ? 'twinnings.publicity.consented' : 'twinnings.publicity.notConsented', { pole: entry.pole.name })}</li>
        ))}
      </ul>
      {sides
        .filter((entry) => entry.canSetPublicity)
        .map((entry) => (
          <Form method="post" key={entry.side}>
            <input type="hidden" name="side" value={entry.side} />
            <input type="hidden" name="shows" value={entry.showsPublicly ? 'false' : 'true'} />
            <SubmitButton name="intent" value="publicity" className={entry.showsPublicly ? secondaryButtonClass : undefined}>
              {t(entry.showsPublicly ? 'twinnings.publicity.withdraw' : 'twinnings.publicity.give', { pole: entry.pole.name })}
            </SubmitButton>
          </Form>
        ))}
    </Card>
  );
}
