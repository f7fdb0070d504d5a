import { eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '#db/client';
import { messages, poles, threads, users } from '#db/schema';

/**
 * Demo mode: a topic in the Occitanie forum where the demo accounts already talk, and a welcome
 * topic in the national forum (decision 019), so `/forum` is not empty on a fresh demo. Added
 * once: when there is no forum topic yet.
 */

type DemoMessage = { by: string; pole: string | null; text: string; minutesAgo: number };
type DemoTopic = { regionCode: string | null; title: string; openedBy: string; messages: DemoMessage[] };

const demoTopics: DemoTopic[] = [
  {
    regionCode: '76',
    title: 'Mutualiser un poste d’animation entre deux pôles : retours d’expérience ?',
    openedBy: 'figeacteurs@demo.ptce.fr',
    messages: [
      {
        by: 'figeacteurs@demo.ptce.fr',
        pole: 'figeacteurs',
        text: 'Bonjour à toutes et tous ! À Figeac, nous partageons depuis deux ans un poste d’animation avec une communauté de communes voisine. Qui a tenté l’expérience ? Nous pouvons raconter comment nous avons réparti le temps et le financement.',
        minutesAgo: 3 * 24 * 60,
      },
      {
        by: 'emergent@demo.ptce.fr',
        pole: 'causses-cevennes-demo',
        text: 'Merci Claire, c’est exactement notre question du moment : nous n’avons pas les moyens d’un temps plein. Comment avez-vous rédigé la convention entre les deux structures ?',
        minutesAgo: 2 * 24 * 60,
      },
      {
        by: 'coord.occitanie@demo.ptce.fr',
        pole: null,
        text: 'La CRESS peut partager deux modèles de convention de mise à disposition. Je les dépose ici la semaine prochaine ; une visite apprenante à Figeac serait aussi l’occasion d’en parler sur place.',
        minutesAgo: 24 * 60,
      },
    ],
  },
  {
    regionCode: null,
    title: 'Bienvenue sur le forum national des PTCE',
    openedBy: 'admin@demo.ptce.fr',
    messages: [
      {
        by: 'admin@demo.ptce.fr',
        pole: null,
        text: 'Ce forum réunit les pôles de toutes les régions. Présentez votre pôle, posez vos questions de fond (gouvernance, modèle économique, coopération avec les collectivités) : les instances régionales veillent à ce que les échanges restent utiles et bienveillants.',
        minutesAgo: 7 * 24 * 60,
      },
    ],
  },
];

export async function seedDemoForum(db: Database): Promise<void> {
  const [existing] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(threads)
    .where(eq(threads.subjectType, 'forum'));
  if (existing!.count > 0) return;
  const people = await db.select({ id: users.id, email: users.email }).from(users);
  const personId = (email: string) => people.find((person) => person.email === email)?.id ?? null;
  const poleRows = await db
    .select({ id: poles.id, slug: poles.slug })
    .from(poles)
    .where(inArray(poles.slug, ['figeacteurs', 'causses-cevennes-demo']));
  const poleId = (slug: string | null) => poleRows.find((pole) => pole.slug === slug)?.id ?? null;
  const ago = (minutes: number) => new Date(Date.now() - minutes * 60 * 1000);
  await db.transaction(async (tx) => {
    for (const topic of demoTopics) {
      const first = topic.messages[0]!;
      const last = topic.messages.at(-1)!;
      const [thread] = await tx
        .insert(threads)
        .values({
          subjectType: 'forum',
          regionCode: topic.regionCode,
          title: topic.title,
          createdById: personId(topic.openedBy),
          createdAt: ago(first.minutesAgo),
          lastMessageAt: ago(last.minutesAgo),
        })
        .returning({ id: threads.id });
      // One after the other: each message's seq follows the previous one's.
      for (const message of topic.messages) {
        await tx.insert(messages).values({
          threadId: thread!.id,
          authorId: personId(message.by),
          authorPoleId: poleId(message.pole),
          body: message.text,
          createdAt: ago(message.minutesAgo),
        });
      }
    }
  });
}
