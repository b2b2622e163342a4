import { appendFileSync } from "node:fs";

/**
 * Sets step outputs the way GitHub Actions reads them (`name=value` lines appended to
 * the file `GITHUB_OUTPUT` names). Values must be single-line; JSON.stringify output is.
 */
export function setOutputs(env: NodeJS.ProcessEnv, outputs: Readonly<Record<string, string>>): void {
  const file = env["GITHUB_OUTPUT"];
  if (!file) return;
  for (const [name, value] of Object.entries(outputs)) {
    if (/[\r\n]/.test(value)) {
      throw new Error(`output ${name} must be a single line`);
    }
    appendFileSync(file, `${name}=${value}\n`);
  }
}

/** Adds markdown to the run's summary page (`GITHUB_STEP_SUMMARY`), when there is one. */
export function addToSummary(env: NodeJS.ProcessEnv, markdown: string): void {
  const file = env["GITHUB_STEP_SUMMARY"];
  if (file) {
    appendFileSync(file, `${markdown}\n`);
  }
}
