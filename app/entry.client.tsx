import { RemixBrowser } from '@remix-run/react';
import i18next from 'i18next';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { i18nConfig, isLanguage } from './i18n';
import { defaultTextsAddress, loadTexts } from './locales/texts';

async function hydrate() {
  const root = document.documentElement;
  const language = isLanguage(root.lang) ? root.lang : 'fr';
  await i18next.use(initReactI18next).init({ ...i18nConfig, lng: language, resources: {} });
  // The page's texts come as JSON (preloaded by the page's head), not inside the JavaScript.
  // Without them the page stays as the server sent it: whole, and working without JavaScript.
  await loadTexts(i18next, language, root.dataset.texts ?? defaultTextsAddress(language));
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

hydrate().catch((error: unknown) => {
  // The browser's console is the only place a page's own start-up failure can be told.
  // eslint-disable-next-line no-console
  console.error('The page could not start its scripts.', error);
});
