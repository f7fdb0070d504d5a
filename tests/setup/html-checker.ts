import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';

/**
 * The W3C Nu HTML checker (`vnu-jar`, a Java program), run once over several documents: one JVM
 * takes seconds to start. Without `java` the check cannot run: callers skip it and say so, since
 * an empty report would then prove nothing.
 */

const java = spawnSync('java', ['-version'], { stdio: 'ignore' });
export const javaMissing = java.error !== undefined || java.status !== 0;
export const javaMissingReason = 'no `java` on the PATH (the Nu HTML checker needs Java 11+)';

/** The title of a Nu check test, saying it is skipped without Java (`test.skipIf(javaMissing)`). */
export const nuTestTitle = `the Nu HTML checker finds no error${javaMissing ? ' (skipped: no java)' : ''}`;

/** Fails with the checker's errors for these documents, listed in the log. */
export async function expectValidHtml(documents: ReadonlyMap<string, string>) {
  const errors = await nuHtmlErrors(documents);
  if (errors.length) console.warn(`Nu HTML checker errors:\n${errors.join('\n')}`);
  expect(errors).toEqual([]);
}

type VnuMessage = { type: string; subType?: string; message: string; extract?: string; url: string; lastLine?: number };

/** The checker's errors for these documents (label → HTML), each as « label:line — message «extract» ». */
export async function nuHtmlErrors(documents: ReadonlyMap<string, string>): Promise<string[]> {
  if (javaMissing) throw new Error(`Nu HTML checker unavailable: ${javaMissingReason}`);
  const directory = mkdtempSync(path.join(tmpdir(), 'ptce-html-'));
  try {
    const labels = new Map<string, string>();
    [...documents].forEach(([label, html], index) => {
      const file = path.join(directory, `page-${index}.html`);
      writeFileSync(file, html);
      labels.set(file, label);
    });
    const vnuJar = String(createRequire(import.meta.url)('vnu-jar'));
    const output = await promisify(execFile)('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', ...labels.keys()], {
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '' }));
    // vnu writes its JSON report to stderr.
    const report = JSON.parse(output.stderr || output.stdout) as { messages: VnuMessage[] };
    return report.messages
      .filter((message) => message.type === 'error' || message.subType === 'fatal' || message.type === 'non-document-error')
      .map((message) => {
        const label = labels.get(decodeURIComponent(new URL(message.url).pathname)) ?? message.url;
        return `${label}${message.lastLine ? `:${message.lastLine}` : ''} — ${message.message}${message.extract ? ` «${message.extract.trim()}»` : ''}`;
      });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
