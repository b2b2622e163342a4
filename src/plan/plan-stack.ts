import type { PlanJson } from "./plan-json";
import type { TerraformRunner } from "./terraform-cli";

/** File names inside the stack's folder; the plan file holds state values and never leaves the machine. */
export const PLAN_FILE = "privnet.tfplan";

export type StackPlan =
  | { readonly ok: true; readonly plan: PlanJson; readonly text: string }
  | { readonly ok: false; readonly step: string; readonly output: string };

function combined(stdout: string, stderr: string): string {
  return [stdout.trim(), stderr.trim()].filter((part) => part !== "").join("\n\n");
}

/**
 * `terraform init`, `plan` and `show` in a synthesized stack's folder, as the
 * pull-request workflow runs them and `npm run plan` runs them on a workstation.
 * The plan takes no state lock (`-lock=false`): it writes nothing, and a review
 * must not block, or be blocked by, a deploy that holds the lock. With
 * `lockfileReadonly`, init installs only the provider builds the stack's lock file
 * names and fails on any other, rather than recording it.
 */
export function planStackDirectory(dir: string, run: TerraformRunner, options: { readonly lockfileReadonly?: boolean } = {}): StackPlan {
  const steps: readonly { readonly step: string; readonly args: readonly string[] }[] = [
    { step: "terraform init", args: ["init", "-input=false", "-no-color", ...(options.lockfileReadonly ? ["-lockfile=readonly"] : [])] },
    { step: "terraform plan", args: ["plan", "-input=false", "-lock=false", "-no-color", `-out=${PLAN_FILE}`] },
  ];
  for (const { step, args } of steps) {
    const result = run(args, dir);
    if (result.status !== 0) {
      return { ok: false, step, output: combined(result.stdout, result.stderr) || (result.startError?.message ?? `exit status ${result.status}`) };
    }
  }
  const json = run(["show", "-json", PLAN_FILE], dir);
  if (json.status !== 0) {
    return { ok: false, step: "terraform show -json", output: combined(json.stdout, json.stderr) };
  }
  const text = run(["show", "-no-color", PLAN_FILE], dir);
  if (text.status !== 0) {
    return { ok: false, step: "terraform show", output: combined(text.stdout, text.stderr) };
  }
  let plan: PlanJson;
  try {
    plan = JSON.parse(json.stdout) as PlanJson;
  } catch (error) {
    return { ok: false, step: "terraform show -json", output: `not JSON: ${(error as Error).message}` };
  }
  return { ok: true, plan, text: text.stdout };
}
