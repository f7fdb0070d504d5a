import { z } from 'zod';
import type { visitCosts } from '#db/schema';
import { bookingModes } from './booking';
import { fromParisParts } from './time';

/**
 * The form of a learning visit (new and edit), with no React and no database: the same schema
 * checks in the browser and on the server (conform). Dates and times are entered in Paris and come
 * out as UTC instants (`startsAt`, `bookingDeadline`). Checks that need the database (the pole's
 * offers and twinnings, known topics, seats already taken) are the model's. Messages are catalogue
 * keys (`visitHosting.errors.*`).
 */

export const visitCostsList = ['free', 'travel_covered', 'participants_pay'] as const;
export type VisitCosts = (typeof visitCostsList)[number];
type SameValues<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type _ListMatchesDatabase = Assert<SameValues<VisitCosts, (typeof visitCosts)['enumValues'][number]>>;

export const visitLimits = {
  title: { min: 5, max: 120 },
  programme: { min: 20, max: 5000 },
  topics: { min: 1, max: 5 },
  duration: { min: 15, max: 1440 },
  seats: { min: 1, max: 500 },
  text: { max: 2000 },
  place: { max: 200 },
} as const;

/** The durations the form offers, in minutes (any value from 15 to 1440 is accepted). */
export const durationChoices = [60, 90, 120, 180, 240, 300, 360, 420, 480, 1440] as const;

const error = (key: string) => `visitHosting.errors.${key}`;
const slug = z.string().regex(/^[a-z0-9-]{1,80}$/, error('topicUnknown'));
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, error('textTooLong'))
    .optional()
    .transform((value) => value ?? '');
const optionalId = z.string().uuid(error('linkUnknown')).optional();
const coordinate = (min: number, max: number, key: string) =>
  z
    .number({ invalid_type_error: error(key) })
    .min(min, error(key))
    .max(max, error(key))
    .optional();

const fields = {
  title: z
    .string({ required_error: error('titleRequired') })
    .trim()
    .min(visitLimits.title.min, error('titleTooShort'))
    .max(visitLimits.title.max, error('titleTooLong')),
  programme: z
    .string({ required_error: error('programmeRequired') })
    .trim()
    .min(visitLimits.programme.min, error('programmeTooShort'))
    .max(visitLimits.programme.max, error('programmeTooLong')),
  topics: z
    .array(slug, { required_error: error('topicsRequired') })
    .min(visitLimits.topics.min, error('topicsRequired'))
    .max(visitLimits.topics.max, error('topicsTooMany')),
  date: z.string({ required_error: error('dateRequired') }),
  time: z.string({ required_error: error('timeRequired') }),
  durationMinutes: z
    .number({ required_error: error('durationRequired'), invalid_type_error: error('durationInvalid') })
    .int(error('durationInvalid'))
    .min(visitLimits.duration.min, error('durationInvalid'))
    .max(visitLimits.duration.max, error('durationInvalid')),
  address: z
    .string({ required_error: error('addressRequired') })
    .trim()
    .min(1, error('addressRequired'))
    .max(visitLimits.place.max, error('textTooLong')),
  town: z
    .string({ required_error: error('townRequired') })
    .trim()
    .min(1, error('townRequired'))
    .max(visitLimits.place.max, error('textTooLong')),
  latitude: coordinate(-90, 90, 'latitudeInvalid'),
  longitude: coordinate(-180, 180, 'longitudeInvalid'),
  seats: z
    .number({ required_error: error('seatsRequired'), invalid_type_error: error('seatsInvalid') })
    .int(error('seatsInvalid'))
    .min(visitLimits.seats.min, error('seatsInvalid'))
    .max(visitLimits.seats.max, error('seatsInvalid')),
  deadlineDate: z.string({ required_error: error('deadlineRequired') }),
  deadlineTime: z.string({ required_error: error('deadlineRequired') }),
  bookingMode: z.enum(bookingModes, { errorMap: () => ({ message: error('bookingModeRequired') }) }),
  accessibility: optionalText(visitLimits.text.max),
  practical: optionalText(visitLimits.text.max),
  costs: z.enum(visitCostsList, { errorMap: () => ({ message: error('costsRequired') }) }),
  costsNote: optionalText(visitLimits.text.max),
  offerId: optionalId,
  twinningId: optionalId,
};

/**
 * The visit form. `now`: the start must be after it (and the deadline before the start); `withPole`
 * on creation, where the person chooses which of their poles hosts.
 */
export function visitSchema(options: { now: Date; withPole: boolean }) {
  const base = z.object({
    ...fields,
    poleId: options.withPole ? z.string({ required_error: error('poleRequired') }).uuid(error('poleRequired')) : z.string().optional(),
  });
  return base.transform((input, context) => {
    const start = fromParisParts(input.date, input.time);
    if (!start.ok) {
      context.addIssue({ code: 'custom', path: [start.error.endsWith('timeDoesNotExist') ? 'time' : 'date'], message: start.error });
      return z.NEVER;
    }
    if (start.instant.getTime() <= options.now.getTime()) {
      context.addIssue({ code: 'custom', path: ['date'], message: error('startInPast') });
      return z.NEVER;
    }
    const deadline = fromParisParts(input.deadlineDate, input.deadlineTime);
    if (!deadline.ok) {
      context.addIssue({ code: 'custom', path: [deadline.error.endsWith('timeDoesNotExist') ? 'deadlineTime' : 'deadlineDate'], message: deadline.error });
      return z.NEVER;
    }
    if (deadline.instant.getTime() >= start.instant.getTime()) {
      context.addIssue({ code: 'custom', path: ['deadlineDate'], message: error('deadlineAfterStart') });
      return z.NEVER;
    }
    const { date: _date, time: _time, deadlineDate: _deadlineDate, deadlineTime: _deadlineTime, ...rest } = input;
    return { ...rest, poleId: input.poleId ?? null, startsAt: start.instant, bookingDeadline: deadline.instant };
  });
}

export type VisitInput = z.output<ReturnType<typeof visitSchema>>;
export type VisitFields = Omit<VisitInput, 'poleId'>;

/** The host cancels the visit: a reason for the booked poles. */
export const visitCancellationSchema = z.object({
  reason: z
    .string({ required_error: error('reasonRequired') })
    .trim()
    .min(5, error('reasonTooShort'))
    .max(500, error('reasonTooLong')),
});
