import { defineConfig } from 'vitest/config';

/** Options a package passes to {@link packageTestConfig}. */
export interface PackageTestOptions {
  /** Files that must not count towards coverage (entry points exercised only as child processes). */
  readonly coverageExclude?: readonly string[];
  /** Per-test timeout in milliseconds; integration packages that spawn processes raise it. */
  readonly testTimeout?: number;
}

/**
 * The one Vitest configuration every package uses: colocated `src/**\/*.test.ts(x)` files,
 * sibling packages resolved to their TypeScript sources (the `@gao/source` export condition,
 * so tests need no build), and v8 coverage that fails the run below 80% lines and branches.
 */
export function packageTestConfig(options: PackageTestOptions = {}) {
  return defineConfig({
    ssr: { resolve: { conditions: ['@gao/source'] } },
    resolve: { conditions: ['@gao/source'] },
    test: {
      include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'test/**/*.test.tsx'],
      testTimeout: options.testTimeout ?? 10_000,
      coverage: {
        provider: 'v8',
        include: ['src/**/*.{ts,tsx}'],
        exclude: [
          'src/**/*.test.{ts,tsx}',
          'src/**/*.test-fixture.ts',
          'src/**/*.d.ts',
          ...(options.coverageExclude ?? []),
        ],
        reporter: ['text-summary', 'json-summary'],
        thresholds: { lines: 80, branches: 80, functions: 80, statements: 80 },
      },
    },
  });
}
