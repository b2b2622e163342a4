import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readTerraformJson, type TerraformJson } from "./read";

export interface SynthesizedStack {
  readonly name: string;
  /** The stack's `cdk.tf.json`. */
  readonly path: string;
  readonly json: TerraformJson;
}

interface Manifest {
  readonly stacks?: Readonly<Record<string, { readonly synthesizedStackPath?: string }>>;
}

/**
 * The stacks a synth wrote into `outdir`, as its `manifest.json` lists them: the app
 * decides which stacks exist, nobody keeps a second list.
 */
export function readSynthesizedStacks(outdir: string): SynthesizedStack[] {
  const manifestPath = join(outdir, "manifest.json");
  if (!existsSync(manifestPath)) {
    throw new Error(`${manifestPath} not found: nothing was synthesized into ${outdir}`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
  return Object.entries(manifest.stacks ?? {}).map(([name, entry]) => {
    const path = join(outdir, entry.synthesizedStackPath ?? join("stacks", name, "cdk.tf.json"));
    if (!path.endsWith(".json")) {
      throw new Error(`${path}: stack ${name} was synthesized as HCL; guardrails and verify read the JSON form (synth without --hcl)`);
    }
    return { name, path, json: readTerraformJson(path) };
  });
}
