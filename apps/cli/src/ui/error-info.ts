/** What the UI shows of an error: its message, and its stable code and hint when it has them. */
export interface ErrorInfo {
  readonly message: string;
  readonly code: string | null;
  readonly hint: string | null;
}

function stringField(value: object, key: string): string | null {
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' && field !== '' ? field : null;
}

/**
 * Reads `message`, `code` and `hint` off anything thrown (gao-db errors carry all three). When the
 * message does not already say it, the cause's message is appended (`... : no such table: users`).
 *
 * @example
 * errorInfo(Object.assign(new Error('Migration 3 failed'), { hint: 'Fix it' })).hint // 'Fix it'
 */
export function errorInfo(error: unknown): ErrorInfo {
  if (typeof error !== 'object' || error === null) {
    return { message: String(error), code: null, hint: null };
  }
  let message = stringField(error, 'message') ?? String(error);
  const cause = (error as { cause?: unknown }).cause;
  const causeMessage = typeof cause === 'object' && cause !== null ? stringField(cause, 'message') : null;
  if (causeMessage !== null && !message.includes(causeMessage)) message = `${message}: ${causeMessage}`;
  return { message, code: stringField(error, 'code'), hint: stringField(error, 'hint') };
}

/** Whether an error is the rejection of an aborted run (`AbortError`, or an abort's reason). */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}
