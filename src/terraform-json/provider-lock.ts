import { existsSync, readFileSync } from "node:fs";

/**
 * Terraform's dependency lock file: which release of each provider, and the checksums
 * of its builds. The project commits one (`.terraform.lock.hcl` in the project folder)
 * for every provider a stack may require; synth gives each stack the part it needs.
 */
export const PROVIDER_LOCK_FILE = ".terraform.lock.hcl";

/** One `provider "<address>" { ... }` block, kept as written so that Terraform reads it back unchanged. */
export interface LockedProvider {
  /** e.g. `registry.terraform.io/hashicorp/aws`. */
  readonly address: string;
  readonly version: string | undefined;
  readonly text: string;
}

/** A provider a stack requires: its full address and the exact release it pins. */
export interface RequiredProvider {
  readonly address: string;
  readonly version: string;
}

/** Marks a stack's lock as synth's copy, which synth may take back; one terraform init wrote is left alone. */
export const WRITTEN_BY_SYNTH = "# Written by synth from the project's .terraform.lock.hcl (docs/provider-lock.md).";

const HEADER = ["# This file is maintained automatically by \"terraform init\".", "# Manual edits may be lost in future updates.", WRITTEN_BY_SYNTH].join("\n");

/** The provider blocks of a lock file's text. */
export function parseProviderLock(text: string): LockedProvider[] {
  const blocks: LockedProvider[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index += 1) {
    const start = /^provider "([^"]+)" \{\s*$/.exec(lines[index]!);
    if (!start) continue;
    const end = lines.findIndex((line, at) => at > index && /^\}\s*$/.test(line));
    if (end < 0) break;
    const body = lines.slice(index, end + 1);
    const version = body.map((line) => /^\s*version\s*=\s*"([^"]+)"/.exec(line)?.[1]).find((found) => found !== undefined);
    blocks.push({ address: start[1]!, version, text: body.join("\n") });
    index = end;
  }
  return blocks;
}

/** `aws`, `hashicorp/aws` or `registry.terraform.io/hashicorp/aws`, as Terraform resolves a source. */
function providerAddress(source: string): string {
  const parts = source.toLowerCase().split("/");
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${parts.join("/")}`;
  return parts.join("/");
}

/** The providers a synthesized stack requires, from its `terraform.required_providers`. */
export function requiredProvidersOf(json: unknown): RequiredProvider[] {
  const required = (json as { terraform?: { required_providers?: Record<string, { source?: string; version?: string }> } }).terraform?.required_providers ?? {};
  return Object.entries(required).map(([name, { source, version }]) => ({ address: providerAddress(source ?? name), version: version ?? "" }));
}

export type StackLock =
  | { readonly ok: true; readonly text: string }
  /** What the committed lock lacks for the stack, e.g. `registry.terraform.io/hashicorp/aws 6.25.0`. */
  | { readonly ok: false; readonly missing: readonly string[] };

/**
 * The lock file for one stack: the committed blocks of exactly the providers it
 * requires. A block of a provider the stack does not use would be a change Terraform
 * refuses under `-lockfile=readonly`; a provider whose pinned release the lock does
 * not hold is missing, and so is every provider when there is no lock.
 */
export function lockForStack(locked: readonly LockedProvider[], required: readonly RequiredProvider[]): StackLock {
  const missing = required.filter((provider) => !locked.some((block) => block.address === provider.address && block.version === provider.version));
  if (missing.length > 0) {
    return { ok: false, missing: missing.map((provider) => `${provider.address} ${provider.version}`) };
  }
  const blocks = required.map((provider) => locked.find((block) => block.address === provider.address)!.text);
  return { ok: true, text: `${HEADER}\n\n${blocks.join("\n\n")}\n` };
}

/** The committed lock's blocks; none when the file does not exist. */
export function readProviderLock(path: string): LockedProvider[] {
  return existsSync(path) ? parseProviderLock(readFileSync(path, "utf8")) : [];
}

/** The `"h1:..."` and `"zh:..."` values of a provider block. */
export function hashesOf(block: LockedProvider): string[] {
  return [...block.text.matchAll(/"((?:h1|zh):[^"]+)"/g)].map((match) => match[1]!);
}

/** A lock file's text from provider blocks, as Terraform lays it out: its header, then the blocks by address. */
export function lockFileText(blocks: readonly LockedProvider[]): string {
  const sorted = [...blocks].sort((a, b) => a.address.localeCompare(b.address));
  return ['# This file is maintained automatically by "terraform init".', "# Manual edits may be lost in future updates.", "", sorted.map((block) => block.text).join("\n\n"), ""].join("\n");
}

/**
 * What a committed lock gets wrong against one made from the registry now: a hash the
 * registry does not serve (a typo, a stale or a forged one), a platform whose download
 * it cannot check (a `zh:` missing), or a build `init -lockfile=readonly` would refuse
 * on a platform that runs it (its `h1:` missing). A committed lock may hold fewer `h1:`
 * values than the registry's: those of builds nobody has checked yet.
 */
export function lockProblems(committed: readonly LockedProvider[], fromRegistry: readonly LockedProvider[], readonlyH1: ReadonlyMap<string, readonly string[]>): string[] {
  return fromRegistry.flatMap((made) => {
    const name = `${made.address} ${made.version}`;
    const kept = committed.find((block) => block.address === made.address && block.version === made.version);
    if (kept === undefined) return [`${name}: not in the committed lock`];
    const served = new Set(hashesOf(made));
    const held = new Set(hashesOf(kept));
    return [
      ...[...held].filter((hash) => !served.has(hash)).map((hash) => `${name}: ${hash} is not a checksum the registry serves for this release`),
      ...[...served].filter((hash) => hash.startsWith("zh:") && !held.has(hash)).map((hash) => `${name}: ${hash} is missing, so one platform's download cannot be checked`),
      ...(readonlyH1.get(made.address) ?? []).filter((hash) => !held.has(hash)).map((hash) => `${name}: ${hash} is missing, so init -lockfile=readonly refuses the build on linux_amd64`),
    ];
  });
}
