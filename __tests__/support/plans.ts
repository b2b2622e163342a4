import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { PlanJson } from "../../src/plan/plan-json";

/** A real plan made by Terraform 1.11.4 from terraform_data resources (see fixtures/plans/README.md). */
export function fixturePlan(name: "mixed" | "no-changes"): { json: PlanJson; text: string } {
  const dir = join(__dirname, "..", "fixtures", "plans");
  return { json: JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8")) as PlanJson, text: readFileSync(join(dir, `${name}.txt`), "utf8") };
}
