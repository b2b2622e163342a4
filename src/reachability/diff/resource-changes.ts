import { resourceBlocks, type TerraformJson } from "../../terraform-json/read";

/** `moved` blocks of a configuration: old address to new. */
export function movedAddresses(json: TerraformJson | undefined): Map<string, string> {
  const blocks = ((json as { moved?: unknown } | undefined)?.moved ?? []) as { from?: unknown; to?: unknown }[];
  const moved = new Map<string, string>();
  for (const block of Array.isArray(blocks) ? blocks : []) {
    if (typeof block.from === "string" && typeof block.to === "string") moved.set(block.from, block.to);
  }
  return moved;
}

/**
 * `text` with every reference to a moved address written as its new address, all at
 * once: two names swapped with `moved` must not be renamed twice.
 */
function renamed(text: string, moved: ReadonlyMap<string, string>): string {
  if (moved.size === 0) return text;
  const escaped = [...moved.keys()].sort((a, b) => b.length - a.length).map((address) => address.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(`(?<![A-Za-z0-9_-])(${escaped.join("|")})(?=[."])`, "g");
  return text.replace(pattern, (address) => moved.get(address) ?? address);
}

/** A resource as the review compares it: its arguments, keys in order, without cdktf's metadata. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

export interface ResourceChanges {
  /** Addresses, in the head's terms, whose arguments differ, or that only one side has. */
  readonly changed: ReadonlySet<string>;
  /** How each changed address changed. */
  readonly kind: ReadonlyMap<string, "added" | "removed" | "changed">;
  /** Each head address's construct path, and each removed one's from the base. */
  readonly constructPath: ReadonlyMap<string, string>;
  /** A base address in the head's terms (after `moved`). */
  readonly inHead: (baseAddress: string) => string;
}

function constructPaths(json: TerraformJson | undefined, rename: (address: string) => string): Map<string, string> {
  const paths = new Map<string, string>();
  for (const [type, byName] of Object.entries(json?.resource ?? {})) {
    for (const [name, block] of Object.entries(byName)) {
      const path = (block["//"] as { metadata?: { path?: unknown } } | undefined)?.metadata?.path;
      if (typeof path === "string") paths.set(rename(`${type}.${name}`), path);
    }
  }
  return paths;
}

/**
 * Which resources a change touches, read from the two synthesized configurations:
 * resources renamed with a `moved` block, or merely written in another order, are the
 * same resources; references to a renamed one are read under its new name.
 */
export function resourceChanges(base: TerraformJson | undefined, head: TerraformJson | undefined): ResourceChanges {
  const moved = movedAddresses(head);
  const inHead = (address: string) => moved.get(address) ?? address;
  const bodies = (json: TerraformJson | undefined, rename: boolean) =>
    new Map(
      (json === undefined ? [] : resourceBlocks(json, ...Object.keys(json.resource ?? {}))).map((block) => [
        rename ? inHead(block.address) : block.address,
        rename ? renamed(canonical(block.body), moved) : canonical(block.body),
      ]),
    );
  const before = bodies(base, true);
  const after = bodies(head, false);
  const kind = new Map<string, "added" | "removed" | "changed">();
  for (const [address, body] of after) {
    const old = before.get(address);
    if (old === undefined) kind.set(address, "added");
    else if (old !== body) kind.set(address, "changed");
  }
  for (const address of before.keys()) if (!after.has(address)) kind.set(address, "removed");
  const constructPath = new Map([...constructPaths(base, inHead), ...constructPaths(head, (address) => address)]);
  return { changed: new Set(kind.keys()), kind, constructPath, inHead };
}
