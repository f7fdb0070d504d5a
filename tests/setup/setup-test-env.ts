import { afterEach, beforeEach, vi, type MockInstance } from 'vitest';
import '#app/locales/catalogues.server';

// A console.error during a test is a defect the test did not expect: fail it (Epic's convention).
let consoleError: MockInstance<typeof console.error>;

beforeEach(() => {
  const original = console.error;
  consoleError = vi.spyOn(console, 'error').mockImplementation((...args: Parameters<typeof console.error>) => {
    original(...args);
    throw new Error('console.error was called during the test; mock it if it is expected.');
  });
});

afterEach(() => {
  consoleError.mockRestore();
});
