import { relations } from 'drizzle-orm';
import { poleSectors, poles, regionalBodies, regionalBodyRegions, regions, sectors } from './directory';
import { coordinatorAssignments, invitations, poleMemberships, sessions, users } from './people';

// ─── Relations (for the relational query API) ─────────────────────────────

export const regionsRelations = relations(regions, ({ many, one }) => ({
  poles: many(poles),
  body: one(regionalBodyRegions, { fields: [regions.code], references: [regionalBodyRegions.regionCode] }),
}));

export const regionalBodiesRelations = relations(regionalBodies, ({ many }) => ({
  regions: many(regionalBodyRegions),
  coordinators: many(coordinatorAssignments),
}));

export const regionalBodyRegionsRelations = relations(regionalBodyRegions, ({ one }) => ({
  body: one(regionalBodies, { fields: [regionalBodyRegions.regionalBodyId], references: [regionalBodies.id] }),
  region: one(regions, { fields: [regionalBodyRegions.regionCode], references: [regions.code] }),
}));

export const polesRelations = relations(poles, ({ one, many }) => ({
  region: one(regions, { fields: [poles.regionCode], references: [regions.code] }),
  sectors: many(poleSectors),
  memberships: many(poleMemberships),
}));

export const poleSectorsRelations = relations(poleSectors, ({ one }) => ({
  pole: one(poles, { fields: [poleSectors.poleId], references: [poles.id] }),
  sector: one(sectors, { fields: [poleSectors.sectorSlug], references: [sectors.slug] }),
}));

export const usersRelations = relations(users, ({ many }) => ({
  memberships: many(poleMemberships),
  coordinatorAssignments: many(coordinatorAssignments),
  sessions: many(sessions),
}));

export const poleMembershipsRelations = relations(poleMemberships, ({ one }) => ({
  user: one(users, { fields: [poleMemberships.userId], references: [users.id] }),
  pole: one(poles, { fields: [poleMemberships.poleId], references: [poles.id] }),
}));

export const coordinatorAssignmentsRelations = relations(coordinatorAssignments, ({ one }) => ({
  user: one(users, { fields: [coordinatorAssignments.userId], references: [users.id] }),
  body: one(regionalBodies, {
    fields: [coordinatorAssignments.regionalBodyId],
    references: [regionalBodies.id],
  }),
}));

export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));

export const invitationsRelations = relations(invitations, ({ one }) => ({
  pole: one(poles, { fields: [invitations.poleId], references: [poles.id] }),
  body: one(regionalBodies, { fields: [invitations.regionalBodyId], references: [regionalBodies.id] }),
  invitedBy: one(users, { fields: [invitations.invitedById], references: [users.id] }),
}));
