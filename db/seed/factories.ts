import { hashPassword } from '#app/utils/password.server';
import type { Executor } from '#db/client';
import { coordinatorAssignments, poleMemberships, poles, users } from '#db/schema';

/** Building blocks shared by the demo seed and the tests. */

export async function createUser(
  db: Executor,
  input: { email: string; name: string; password: string; isNationalAdmin?: boolean; isNationalObserver?: boolean },
): Promise<{ id: string; email: string }> {
  const [user] = await db
    .insert(users)
    .values({
      email: input.email.trim().toLowerCase(),
      name: input.name,
      passwordHash: await hashPassword(input.password),
      isNationalAdmin: input.isNationalAdmin ?? false,
      isNationalObserver: input.isNationalObserver ?? false,
    })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id, email: users.email });
  if (user) return user;
  const existing = await db.query.users.findFirst({ where: (table, { eq }) => eq(table.email, input.email.trim().toLowerCase()) });
  return { id: existing!.id, email: existing!.email };
}

export async function addMembership(db: Executor, input: { userId: string; poleId: string; role: 'member' | 'admin' }) {
  await db
    .insert(poleMemberships)
    .values(input)
    .onConflictDoUpdate({ target: [poleMemberships.userId, poleMemberships.poleId], set: { role: input.role } });
}

export async function assignCoordinator(db: Executor, input: { userId: string; regionalBodyId: string }) {
  await db.insert(coordinatorAssignments).values(input).onConflictDoNothing();
}

let poleCounter = 0;

/** A pole for tests; region Occitanie unless told otherwise. */
export async function createPole(db: Executor, input: Partial<typeof poles.$inferInsert> = {}): Promise<typeof poles.$inferSelect> {
  poleCounter += 1;
  const suffix = `${Date.now().toString(36)}-${poleCounter}`;
  const [pole] = await db
    .insert(poles)
    .values({
      slug: `pole-test-${suffix}`,
      name: `Pôle de test ${suffix}`,
      town: 'Albi',
      departmentCode: '81',
      regionCode: '76',
      latitude: 43.9289,
      longitude: 2.1464,
      status: 'active',
      maturity: 'emerging',
      animation: 'none',
      description: 'Pôle créé par un test.',
      ...input,
    })
    .returning();
  return pole!;
}
