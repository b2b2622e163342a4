/** Where a command prints: `process.stdout`, `process.stderr`, or a test's capture. */
export interface Writer {
  write(text: string): unknown;
}
