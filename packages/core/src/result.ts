/** Success with a value, or the typed problems that prevented it. Expected failures are data, not exceptions. */
export type Result<T, P> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly P[] };

/** Wraps a value as a successful {@link Result}. */
export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/** Wraps problems as a failed {@link Result}. */
export function fail<P>(problems: readonly P[]): { readonly ok: false; readonly problems: readonly P[] } {
  return { ok: false, problems };
}

/** Marks a branch the type checker proves unreachable; throws if it is reached anyway (a bug). */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
