import { followUpPairing, type FollowUpServices } from '#app/models/pairing-follow-up.server';
import type { Logger } from '#app/utils/logger.server';
import type { Jobs } from './queue.server';

export const pairingFollowUpJob = 'pairing.follow-up';

/**
 * `pairing.follow-up`: every hour, at minute 41 (a minute no other job uses), expires the
 * proposals nobody answered for 30 days and closes the requests left unpaired for 6 months
 * (pairing-follow-up.server.ts). Each item is claimed under a lock, so a run that overlaps
 * another, or a retry, does nothing twice.
 */
export function definePairingJobs(jobs: Jobs, services: FollowUpServices & { logger: Logger }) {
  jobs.define(pairingFollowUpJob, {
    schedule: '41 * * * *',
    pollingIntervalSeconds: 30,
    async handler() {
      const counts = await followUpPairing(services);
      if (counts.expiredProposals > 0 || counts.closedRequests > 0) services.logger.info(counts, 'pairing follow-up');
    },
  });
}
