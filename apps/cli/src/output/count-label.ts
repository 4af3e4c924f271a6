/**
 * @example
 * plural(1, 'migration') // '1 migration'
 * plural(3, 'migration') // '3 migrations'
 */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
