import { readFileSync } from "node:fs";
import { isPlainObject } from "../config/json-object";

/**
 * The root outputs of a Terraform state file, name to value (format version 4 keeps them
 * under `outputs`, each as `{ value, type }`); undefined when there is no such file.
 * Throws an error of one line on a file that is not Terraform state.
 */
export function stateOutputs(path: string): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`cannot read ${path} (${(error as Error).message})`);
  }
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not Terraform state, not being JSON (${(error as Error).message})`);
  }
  const outputs = isPlainObject(state) ? (state["outputs"] ?? {}) : undefined;
  if (!isPlainObject(outputs)) {
    throw new Error(`${path} is not Terraform state: it has no object of outputs`);
  }
  return Object.fromEntries(Object.entries(outputs).map(([name, output]) => [name, isPlainObject(output) ? output["value"] : undefined]));
}
