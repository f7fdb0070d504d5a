import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod';
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ChoiceGroup, Field, FormMessage, SubmitButton } from '#app/components/forms';
import { supportedLanguages } from '#app/i18n';
import { serializeLanguageCookie } from '#app/i18next.server';
import { changePassword, endOtherSession, getAccountOverview, setAccountLanguage } from '#app/models/accounts.server';
import { confirmPasswordsMatch, currentPasswordField, passwordPairFields } from '#app/utils/account-fields';
import { requireSession } from '#app/utils/auth.server';
import { keepRetryAfter, tooManyAttemptsInit, tooManyAttemptsMessage } from '#app/utils/rate-limit.server';
import { useLocalFormat } from '#app/components/format';
import { notFound } from '#app/utils/http';
import { readForm } from '#app/utils/form.server';
import { accountTitle, cardClass, NewPasswordFields, sectionHeadingClass } from '#app/components/account-ui';
import { calendarFeedPath, polePath } from '#app/domain/paths';
import { calendarFeedIntents, CalendarFeedSection } from '#app/components/visits/visit-list-feed-section';
import { calendarFeedStatus, createCalendarFeed, revokeCalendarFeed } from '#app/models/visit-calendar.server';
import { describeDevice } from '#app/domain/account/devices';

const endSessionSchema = z.object({ sessionId: z.string({ required_error: 'fields.required' }).max(200, 'fields.tooLong') });
const changePasswordSchema = z.object({ currentPassword: currentPasswordField, ...passwordPairFields }).superRefine(confirmPasswordsMatch);
const passwordFields = ['currentPassword', 'password', 'confirmPassword'];
const languageSchema = z.object({ language: z.enum(supportedLanguages, { errorMap: () => ({ message: 'account.language.unknown' }) }) });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const overview = await getAccountOverview(context.db, session.user.id);
  if (!overview) throw notFound();
  const calendarFeed = await calendarFeedStatus(context.db, session.user.id);
  // Each session's browser and system in words; the raw User-Agent stays on the server.
  const sessions = overview.sessions.map(({ userAgent, ...open }) => ({ ...open, device: describeDevice(userAgent), current: open.id === session.id }));
  return { ...overview, sessions, calendarFeed };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireSession(request, context);
  const formData = await readForm(request);
  const intent = formData.get('intent');

  if (intent === 'end-session') {
    const submission = parseWithZod(formData, { schema: endSessionSchema });
    if (submission.status !== 'success') return data({ intent, result: submission.reply(), success: null }, { status: 400 });
    const ended = await endOtherSession(context.db, { userId: session.user.id, sessionId: submission.value.sessionId, currentSessionId: session.id });
    // Someone else's session, or one already gone, is simply not found.
    if (!ended) throw notFound();
    await context.realtime.disconnect({ session: submission.value.sessionId });
    return { intent, result: submission.reply(), success: 'account.sessions.ended' };
  }

  if (intent === 'end-other-sessions') {
    await context.auth.invalidateOtherSessions(session.user.id, session.id);
    await context.realtime.disconnect({ user: session.user.id, exceptSession: session.id });
    return { intent, result: undefined, success: 'account.sessions.endedOthers' };
  }

  if (intent === 'change-password') {
    const submission = parseWithZod(formData, { schema: changePasswordSchema });
    if (submission.status !== 'success') return data({ intent, result: submission.reply({ hideFields: passwordFields }), success: null }, { status: 400 });
    const outcome = await changePassword(context.db, context.limiters, {
      userId: session.user.id,
      email: session.user.email,
      currentPassword: submission.value.currentPassword,
      newPassword: submission.value.password,
      keepSessionId: session.id,
      clientIp: context.clientIp,
    });
    if (outcome.status === 'limited') {
      const result = submission.reply({ formErrors: [await tooManyAttemptsMessage(outcome.error, request)], hideFields: passwordFields });
      return data({ intent, result, success: null }, tooManyAttemptsInit(outcome.error));
    }
    if (outcome.status === 'wrong-password') {
      const result = submission.reply({ fieldErrors: { currentPassword: ['account.password.wrongCurrent'] }, hideFields: passwordFields });
      return data({ intent, result, success: null }, { status: 400 });
    }
    // changePassword ended the other sessions: their sockets close too.
    await context.realtime.disconnect({ user: session.user.id, exceptSession: session.id });
    return { intent, result: submission.reply({ resetForm: true }), success: 'account.password.changed' };
  }

  if (intent === 'change-language') {
    const submission = parseWithZod(formData, { schema: languageSchema });
    if (submission.status !== 'success') return data({ intent, result: submission.reply(), success: null }, { status: 400 });
    await setAccountLanguage(context.db, session.user.id, submission.value.language);
    // A redirect, so the next page is already in the new language, with or without JavaScript.
    const note = await context.flash.put({ message: 'account.language.changed' });
    const language = await serializeLanguageCookie(submission.value.language, { secure: context.env.secureCookies });
    return redirect('/compte', {
      headers: [
        ['Set-Cookie', language],
        ['Set-Cookie', note],
      ],
    });
  }

  // « Mon agenda privé »: a new address replaces (revokes) the old one; its token is shown only now.
  if (intent === calendarFeedIntents.create) {
    const token = await createCalendarFeed(context.db, session.user.id);
    return { intent, result: undefined, success: 'calendar.feed.created', feedUrl: new URL(calendarFeedPath(token), context.env.appUrl).href };
  }

  if (intent === calendarFeedIntents.revoke) {
    const revoked = await revokeCalendarFeed(context.db, session.user.id);
    return { intent, result: undefined, success: revoked ? 'calendar.feed.revoked' : 'calendar.feed.nothingToRevoke' };
  }

  throw new Response('Bad request', { status: 400 });
}

export default function Account() {
  const { user, memberships, coordinatedBodies } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="max-w-3xl space-y-8">
      <div>
        <h1 className="text-3xl font-bold text-gray-900">{t('account.overview.title')}</h1>
        <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="font-medium text-gray-700">{t('account.fields.name')}</dt>
          <dd>{user.name}</dd>
          <dt className="font-medium text-gray-700">{t('account.fields.email')}</dt>
          <dd>{user.email}</dd>
        </dl>
      </div>

      <section aria-labelledby="poles-title">
        <h2 id="poles-title" className={sectionHeadingClass}>
          {t('account.overview.poles')}
        </h2>
        {memberships.length === 0 ? (
          <p className="mt-2 text-gray-700">{t('account.overview.noPoles')}</p>
        ) : (
          <ul className="mt-2 space-y-2">
            {memberships.map((membership) => (
              <li key={membership.slug}>
                <Link to={polePath(membership.slug)} className="font-semibold text-brand-800 underline">
                  {membership.name}
                </Link>{' '}
                — {t(membership.role === 'admin' ? 'roles.poleAdmin' : 'roles.poleMember')} ·{' '}
                <Link to={polePath(membership.slug, 'membres')} className="text-brand-800 underline">
                  {t('account.overview.seeMembers')}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="roles-title">
        <h2 id="roles-title" className={sectionHeadingClass}>
          {t('account.overview.roles')}
        </h2>
        {!user.isNationalAdmin && !user.isNationalObserver && coordinatedBodies.length === 0 ? (
          <p className="mt-2 text-gray-700">{t('account.overview.noRoles')}</p>
        ) : null}
        <ul className="mt-2 space-y-2">
          {user.isNationalAdmin ? <li>{t('roles.nationalAdmin')}</li> : null}
          {user.isNationalObserver ? <li>{t('roles.nationalObserver')}</li> : null}
          {coordinatedBodies.map((body) => (
            <li key={body.id}>
              {t('roles.coordinator', { body: body.name })}
              {body.regions.length > 0 ? ` (${body.regions.map((region) => (i18n.language === 'en' ? region.nameEn : region.name)).join(', ')})` : null}
            </li>
          ))}
        </ul>
      </section>

      <SessionsSection />
      <ChangePasswordSection />
      <LanguageSection />
      <CalendarFeed />
    </div>
  );
}

function SessionsSection() {
  const { sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const formatDate = useLocalFormat().dateTime;
  const answered = actionData?.intent === 'end-session' || actionData?.intent === 'end-other-sessions' ? actionData : undefined;
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title" className={sectionHeadingClass}>
        {t('account.sessions.title')}
      </h2>
      <div className="mt-2">
        <FormMessage success={answered?.success} />
      </div>
      <table className="mt-2 w-full text-left">
        <caption className="sr-only">{t('account.sessions.caption')}</caption>
        <thead>
          <tr className="border-b border-gray-300">
            <th scope="col" className="py-2 pr-4">
              {t('account.sessions.createdAt')}
            </th>
            <th scope="col" className="py-2 pr-4">
              {t('account.sessions.device')}
            </th>
            <th scope="col" className="py-2">
              {t('account.sessions.action')}
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((open) => (
            <tr key={open.id} className="border-b border-gray-200 align-top">
              <td className="py-2 pr-4">{formatDate(open.createdAt)}</td>
              <td className="py-2 pr-4 text-sm text-gray-700">
                {open.device.browser && open.device.system
                  ? t('account.sessions.deviceOn', { browser: open.device.browser, system: open.device.system })
                  : (open.device.browser ??
                    (open.device.system ? t('account.sessions.browserOn', { system: open.device.system }) : t('account.sessions.unknownDevice')))}
              </td>
              <td className="py-2">
                {open.current ? (
                  <strong>{t('account.sessions.current')}</strong>
                ) : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="end-session" />
                    <input type="hidden" name="sessionId" value={open.id} />
                    <button type="submit" className="text-left text-brand-800 underline">
                      {t('account.sessions.end')}
                      <span className="sr-only"> ({formatDate(open.createdAt)})</span>
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sessions.length > 1 ? (
        <Form method="post" className="mt-4">
          <input type="hidden" name="intent" value="end-other-sessions" />
          <SubmitButton>{t('account.sessions.endOthers')}</SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}

function ChangePasswordSection() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const answered = actionData?.intent === 'change-password' ? actionData : undefined;
  const [form, fields] = useForm({
    id: 'change-password',
    lastResult: answered?.result,
    constraint: getZodConstraint(changePasswordSchema),
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
  });
  return (
    <section aria-labelledby="password-title" className={`${cardClass} max-w-md`}>
      <h2 id="password-title" className={sectionHeadingClass}>
        {t('account.password.title')}
      </h2>
      <p className="mt-1 text-sm text-gray-700">{t('account.password.intro')}</p>
      <Form method="post" {...getFormProps(form)} className="mt-4">
        <FormMessage errors={form.errors} success={answered?.success} />
        <input type="hidden" name="intent" value="change-password" />
        <Field
          label={t('account.password.current')}
          inputProps={{ ...getInputProps(fields.currentPassword, { type: 'password' }), autoComplete: 'current-password' }}
          errors={fields.currentPassword.errors}
        />
        <NewPasswordFields password={fields.password} confirmPassword={fields.confirmPassword} />
        <SubmitButton>{t('account.password.submit')}</SubmitButton>
      </Form>
    </section>
  );
}

function LanguageSection() {
  const { user } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const answered = actionData?.intent === 'change-language' ? actionData : undefined;
  const [form, fields] = useForm({
    id: 'change-language',
    lastResult: answered?.result,
    defaultValue: { language: user.language },
    constraint: getZodConstraint(languageSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: languageSchema }),
  });
  // Each language is named in itself, and marked so, for whoever does not read the page's.
  const choices = supportedLanguages.map((code) => ({ value: code, label: <span lang={code}>{t(`account.language.names.${code}`)}</span> }));
  return (
    <section aria-labelledby="language-title" className={`${cardClass} max-w-md`}>
      <h2 id="language-title" className={sectionHeadingClass}>
        {t('account.language.title')}
      </h2>
      <Form method="post" {...getFormProps(form)} className="mt-4">
        <FormMessage errors={form.errors} />
        <input type="hidden" name="intent" value="change-language" />
        <ChoiceGroup meta={fields.language} legend={t('account.language.legend')} hint={t('account.language.hint')} choices={choices} type="radio" />
        <SubmitButton>{t('account.language.submit')}</SubmitButton>
      </Form>
    </section>
  );
}

function CalendarFeed() {
  const { calendarFeed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const answered = actionData?.intent === calendarFeedIntents.create || actionData?.intent === calendarFeedIntents.revoke ? actionData : undefined;
  return (
    <CalendarFeedSection
      feed={calendarFeed}
      answer={answered && { success: answered.success, feedUrl: 'feedUrl' in answered ? answered.feedUrl : undefined }}
    />
  );
}

export const headers: HeadersFunction = keepRetryAfter;

export const meta: MetaFunction = ({ matches }) => accountTitle(matches, (account) => account.overview.title);
