/**
 * Whether an error is the unique violation of `constraint` (an index that settles a race: the
 * second of two simultaneous inserts fails on it). PGlite names the constraint `constraint`,
 * postgres.js `constraint_name`; drizzle wraps both in `cause`.
 */
export function violatesUnique(error: unknown, constraint: string): boolean {
  for (let current = error; typeof current === 'object' && current !== null; current = (current as { cause?: unknown }).cause) {
    const { code, constraint: pgliteName, constraint_name } = current as { code?: string; constraint?: string; constraint_name?: string };
    if (code === '23505' && (pgliteName ?? constraint_name) === constraint) return true;
  }
  return false;
}
