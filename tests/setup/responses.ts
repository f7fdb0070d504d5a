import type { AppContext } from '#app/context.server';
import type { Flash } from '#app/utils/flash.server';
import french from '#app/locales/fr';

/** What a loader or action answered, whether it returned or threw, as one shape. */
export type Outcome<Data = unknown> = { status: number; headers: Headers; data: Data; location: string | null };

type DataWithInit = { type: 'DataWithResponseInit'; data: unknown; init: ResponseInit | null };

function isDataWithInit(value: unknown): value is DataWithInit {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'DataWithResponseInit';
}

/** Runs a loader/action: a thrown Response (redirect, 403, 404) is an outcome, not a failure. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever the route sent
export async function settle<Data = any>(run: Promise<unknown>): Promise<Outcome<Data>> {
  let value: unknown;
  try {
    value = await run;
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    value = error;
  }
  if (value instanceof Response) {
    return { status: value.status, headers: value.headers, data: null as Data, location: value.headers.get('Location') };
  }
  if (isDataWithInit(value)) {
    const headers = new Headers(value.init?.headers);
    return { status: value.init?.status ?? 200, headers, data: value.data as Data, location: headers.get('Location') };
  }
  return { status: 200, headers: new Headers(), data: value as Data, location: null };
}

/** The French sentence behind a catalogue key (errors travel as keys, the page shows French). */
export function inFrench(key: string): string {
  const found = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], french);
  if (typeof found !== 'string') throw new Error(`no French text for ${key}`);
  return found;
}

/** "name=value" of a Set-Cookie header, ready to send back as a Cookie header. */
export function cookieOf(outcome: Outcome): string {
  const setCookie = outcome.headers.get('Set-Cookie');
  if (!setCookie) throw new Error('no Set-Cookie header');
  return setCookie.split(';')[0]!;
}

/** The one-time note a redirect carries to the next page (see flash.server.ts), or null. */
export async function flashOf(response: Response | Outcome, context: AppContext): Promise<Flash | null> {
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]!);
  const request = new Request('http://localhost/', { headers: { Cookie: cookies.join('; ') } });
  return (await context.flash.take(request)).flash;
}
