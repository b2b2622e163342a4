import { readFileSync } from "node:fs";
import { basename, dirname } from "node:path";

/**
 * Terraform JSON of one stack as `cdktf synth` writes it (`cdk.tf.json`). Only the
 * parts that describe infrastructure are typed; anything else is carried as is.
 */
export interface TerraformJson {
  readonly "//"?: { readonly metadata?: { readonly stackName?: string } };
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  readonly data?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
}

/** One `resource` block: its address (`type.name`) and its arguments. */
export interface ResourceBlock {
  readonly type: string;
  readonly name: string;
  readonly address: string;
  /** Arguments as written, without cdktf's `//` metadata. */
  readonly body: Readonly<Record<string, unknown>>;
}

/** Terraform treats an argument set to null as unset; so does the model. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(withoutNulls);
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null).map(([key, item]) => [key, withoutNulls(item)]));
  }
  return value;
}

/** Every resource block of the given types, in the order they appear. */
export function resourceBlocks(json: TerraformJson, ...types: string[]): ResourceBlock[] {
  return types.flatMap((type) =>
    Object.entries(json.resource?.[type] ?? {}).map(([name, block]) => {
      const { "//": _metadata, ...body } = block;
      return { type, name, address: `${type}.${name}`, body: withoutNulls(body) as Record<string, unknown> };
    }),
  );
}

/** Number of resource blocks in the stack. */
export function resourceCount(json: TerraformJson): number {
  return Object.values(json.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
}

/**
 * The stack a synthesized file belongs to: cdktf's metadata, or else the folder name
 * (`cdktf.out/stacks/<name>/cdk.tf.json`).
 */
export function stackNameOf(json: TerraformJson, path?: string): string | undefined {
  return json["//"]?.metadata?.stackName ?? (path === undefined ? undefined : basename(dirname(path)));
}

export function readTerraformJson(path: string): TerraformJson {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${path}: not a Terraform JSON configuration (expected an object at the top level)`);
  }
  const isObject = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value);
  for (const kind of ["resource", "data"] as const) {
    const blocks = (parsed as Record<string, unknown>)[kind];
    if (blocks === undefined) continue;
    if (!isObject(blocks)) throw new Error(`${path}: "${kind}" must be an object of resource types`);
    for (const [type, byName] of Object.entries(blocks as Record<string, unknown>)) {
      if (!isObject(byName)) throw new Error(`${path}: ${kind}.${type} must be an object of named blocks`);
      for (const [name, block] of Object.entries(byName as Record<string, unknown>)) {
        if (!isObject(block)) throw new Error(`${path}: ${kind}.${type}.${name} must be an object of arguments`);
      }
    }
  }
  return parsed as TerraformJson;
}
