import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorList, Field, SubmitButton } from '#app/components/forms';
import { useLocalFormat } from '#app/components/format';
import { buttonClass, cardClass, EmptyState } from '#app/components/ui';
import { limits } from '#app/domain/pairing/lifecycle';
import { fieldOf, type TwinningReply } from './twinning-forms';

type Goal = { id: string; title: string; dueOn: string | null; doneAt: Date | string | null; doneByName: string | null };

/** The checklist of a twinning: a table by due date; while it is active, either pole ticks and adds goals. */
export function TwinningGoals({ goals, canWork, reply }: { goals: readonly Goal[]; canWork: boolean; reply?: TwinningReply }) {
  const { t } = useTranslation();
  const { date } = useLocalFormat();
  const title = fieldOf(reply, { intent: 'addGoal' }, 'title');
  const dueOn = fieldOf(reply, { intent: 'addGoal' }, 'dueOn');
  const tickErrors = reply?.intent === 'tickGoal' ? [...(reply.result.error?.goalId ?? []), ...(reply.result.error?.done ?? [])] : undefined;
  return (
    <section aria-labelledby="goals-title" className="space-y-3">
      <h2 id="goals-title" className="text-xl font-semibold text-gray-900">
        {t('twinnings.goals.title')}
      </h2>
      {goals.length === 0 ? (
        <EmptyState>{t('twinnings.goals.empty')}</EmptyState>
      ) : (
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">{t('twinnings.goals.caption')}</caption>
          <thead>
            <tr className="border-b border-gray-300">
              <th scope="col" className="py-2 pr-4">
                {t('twinnings.goals.goal')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('twinnings.goals.dueOn')}
              </th>
              <th scope="col" className="py-2">
                {t('twinnings.goals.status')}
              </th>
            </tr>
          </thead>
          <tbody>
            {goals.map((goal) => (
              <tr key={goal.id} className="border-b border-gray-200 align-top">
                <td className={`py-2 pr-4 ${goal.doneAt ? 'line-through decoration-gray-500' : ''}`}>{goal.title}</td>
                <td className="py-2 pr-4">{goal.dueOn ? date(`${goal.dueOn}T12:00:00Z`) : t('twinnings.goals.noDueOn')}</td>
                <td className="py-2">
                  <p>
                    {goal.doneAt
                      ? goal.doneByName
                        ? t('twinnings.goals.done', { name: goal.doneByName, date: date(goal.doneAt) })
                        : t('twinnings.goals.doneBySomeone', { date: date(goal.doneAt) })
                      : t('twinnings.goals.todo')}
                  </p>
                  {canWork ? (
                    <Form method="post" className="mt-1">
                      <input type="hidden" name="goalId" value={goal.id} />
                      <input type="hidden" name="done" value={goal.doneAt ? 'false' : 'true'} />
                      <button
                        type="submit"
                        name="intent"
                        value="tickGoal"
                        aria-label={t(goal.doneAt ? 'twinnings.goals.untickLabel' : 'twinnings.goals.tickLabel', { title: goal.title })}
                        className={buttonClass('secondary', 'sm')}
                      >
                        {t(goal.doneAt ? 'twinnings.goals.untick' : 'twinnings.goals.tick')}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorList errors={tickErrors} />
      {canWork ? (
        // Keyed by the number of goals: once one is added, the form starts empty again.
        <Form key={goals.length} method="post" className={cardClass()}>
          <h3 className="mb-2 font-semibold text-gray-900">{t('twinnings.goals.addTitle')}</h3>
          <p className="mb-2 text-sm text-gray-700">{t('twinnings.goals.max', { count: limits.goalsMax })}</p>
          <Field
            label={t('twinnings.goals.newTitle')}
            errors={title.errors}
            inputProps={{ name: 'title', maxLength: limits.goal.max, defaultValue: title.value }}
          />
          <Field label={t('twinnings.goals.newDueOn')} errors={dueOn.errors} inputProps={{ name: 'dueOn', type: 'date', defaultValue: dueOn.value }} />
          <SubmitButton name="intent" value="addGoal">
            {t('twinnings.goals.add')}
          </SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}
