/**
 * A word the shell takes literally, whatever it holds: single quotes, with each quote
 * inside closed, escaped and reopened. Every value a probe sends to an instance comes
 * from the state, which anyone who can write the state controls, so each is quoted.
 */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
