import { z } from 'zod';
import { bookingLimits, maxParticipants } from './booking';

/** The booking forms' schemas, apart from the rules so a visit's page loads no zod to show itself. */

const participantName = z
  .string({ required_error: 'visits.errors.participantRequired' })
  .trim()
  .min(1, 'visits.errors.participantRequired')
  .max(bookingLimits.participantName.max, 'visits.errors.participantTooLong');

/** A member books for their pole, naming its participants (at most the visit's seats, and 50). */
export function bookingSchema(visitSeats: number) {
  return z.object({
    poleId: z.string({ required_error: 'visits.errors.poleRequired' }).uuid('visits.errors.poleRequired'),
    participants: z
      .array(participantName, { required_error: 'visits.errors.participantsRequired' })
      .min(1, 'visits.errors.participantsRequired')
      .max(maxParticipants(visitSeats), 'visits.errors.tooManyParticipants'),
  });
}
export type BookingInput = z.infer<ReturnType<typeof bookingSchema>>;

/** Either side cancels a booking, or the host declines one, with a reason. */
export const cancellationSchema = z.object({
  reason: z
    .string({ required_error: 'visits.errors.reasonRequired' })
    .trim()
    .min(bookingLimits.reason.min, 'visits.errors.reasonTooShort')
    .max(bookingLimits.reason.max, 'visits.errors.reasonTooLong'),
});
