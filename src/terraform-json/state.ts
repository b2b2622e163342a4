import { isPlainObject } from "../config/json-object";

/** One managed resource instance of a Terraform state, whichever form the state came in. */
export interface StateResource {
  /** `type.name`, as in the configuration (`type.name[key]` for an indexed instance). */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  /** The provider configuration as a resource's `provider` argument names it: `aws` or `aws.<alias>`; undefined where the form does not say. */
  readonly provider?: string;
  /** Attribute values as the provider last read them. */
  readonly values: Readonly<Record<string, unknown>>;
}

export interface StateResources {
  readonly resources: readonly StateResource[];
  /** Resources inside modules: the stacks have none, and the model does not read them. */
  readonly inModules: readonly string[];
}

/** `provider["registry.terraform.io/hashicorp/aws"].consumer` → `aws.consumer`. */
function providerArgument(raw: unknown): string | undefined {
  if (typeof raw !== "string") return undefined;
  const match = /^provider\["(?:[^"/]+\/)*([^"/]+)"\](?:\.([A-Za-z0-9_-]+))?$/.exec(raw);
  if (!match) return undefined;
  return match[2] === undefined ? match[1] : `${match[1]}.${match[2]}`;
}

function addressOf(type: string, name: string, index: unknown): { readonly address: string; readonly name: string } {
  if (index === undefined || index === null) return { address: `${type}.${name}`, name };
  // The model reads `type.name`; an indexed instance keeps its key in the name.
  const key = typeof index === "number" ? String(index) : String(index).replace(/[^A-Za-z0-9_-]/g, "_");
  return { address: `${type}.${name}_${key}`, name: `${name}_${key}` };
}

/**
 * The managed resources of a state file as `terraform state pull` prints it (format
 * version 4). Throws one line naming what is wrong with anything else.
 */
export function resourcesOfStateFile(state: unknown, source: string): StateResources {
  if (!isPlainObject(state) || state["version"] !== 4 || !Array.isArray(state["resources"] ?? [])) {
    throw new Error(`${source} is not a Terraform state of format version 4 (expected an object with "version": 4 and a list of resources)`);
  }
  const resources: StateResource[] = [];
  const inModules: string[] = [];
  for (const entry of (state["resources"] ?? []) as unknown[]) {
    if (!isPlainObject(entry) || entry["mode"] !== "managed") continue;
    const { type, name } = entry;
    if (typeof type !== "string" || typeof name !== "string" || !Array.isArray(entry["instances"])) {
      throw new Error(`${source}: a resource without a type, a name or a list of instances`);
    }
    if (typeof entry["module"] === "string") {
      inModules.push(`${entry["module"]}.${type}.${name}`);
      continue;
    }
    for (const instance of entry["instances"] as unknown[]) {
      if (!isPlainObject(instance) || !isPlainObject(instance["attributes"])) {
        throw new Error(`${source}: ${type}.${name} has an instance without attributes`);
      }
      // A deposed instance waits to be destroyed: what carries traffic is the current one.
      if (instance["deposed"] !== undefined) continue;
      const provider = providerArgument(entry["provider"]);
      resources.push({ ...addressOf(type, name, instance["index_key"]), type, ...(provider === undefined ? {} : { provider }), values: instance["attributes"] });
    }
  }
  return { resources, inModules };
}

/**
 * The managed resources of a state as `terraform show -json` represents it (`values`
 * of a state, or `prior_state.values` of a plan): a root module and child modules.
 */
export function resourcesOfStateValues(values: unknown, source: string): StateResources {
  if (values === undefined || values === null) return { resources: [], inModules: [] };
  if (!isPlainObject(values)) throw new Error(`${source}: the state's values are not an object`);
  const root = values["root_module"] ?? {};
  if (!isPlainObject(root)) throw new Error(`${source}: root_module is not an object`);
  const resources: StateResource[] = [];
  for (const entry of (root["resources"] ?? []) as unknown[]) {
    if (!isPlainObject(entry) || entry["mode"] !== "managed") continue;
    const { type, name } = entry;
    if (typeof type !== "string" || typeof name !== "string" || !isPlainObject(entry["values"])) {
      throw new Error(`${source}: a resource without a type, a name or values`);
    }
    resources.push({ ...addressOf(type, name, entry["index"]), type, values: entry["values"] });
  }
  const inModules = ((root["child_modules"] ?? []) as unknown[]).flatMap((module) =>
    isPlainObject(module) ? ((module["resources"] ?? []) as unknown[]).flatMap((entry) => (isPlainObject(entry) && typeof entry["address"] === "string" ? [entry["address"]] : [])) : [],
  );
  return { resources, inModules };
}
