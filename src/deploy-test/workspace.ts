import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROVIDER_LOCK_FILE } from "../terraform-json/provider-lock";
import { readTerraformJson } from "../terraform-json/read";
import { NEWER_ARGUMENTS, UNSERVED_TYPES, WRONG_READ_BACKS, type NewerArgument, type UnservedResource, type WrongReadBack } from "./deviations";
import { compareVersions } from "./toolchain";

type Json = Record<string, any>;

/** Terraform reads `*_override.tf.json` after the stack's own file and merges it in. */
export const OVERRIDE_FILE = "privnet_emulator_override.tf.json";
export const STACK_FILE = "cdk.tf.json";

export interface EmulatorTarget {
  readonly endpoint: string;
  /** The certificate authority the emulator's HTTPS certificate was signed by, made for the run. */
  readonly caBundle: string;
  /** Provider release to require instead of the pin, when the pin cannot be installed. */
  readonly awsProviderVersion?: string;
}

export interface WorkspaceOptions {
  /**
   * `local`: state in the work folder, for stacks tested on their own. `synthesized`:
   * the stack's own backend block, untouched (the S3 backend, pointed at the emulator
   * by `s3BackendSettings` at init).
   */
  readonly backend: "local" | "synthesized";
  /** The `state` stack protects its bucket; a test that destroys it lifts that. */
  readonly allowDestroy?: boolean;
}

/** A resource the emulator cannot serve, or one left out because it refers to one. */
export interface LeftOut {
  readonly address: string;
  readonly because: string;
}

/** An argument left out of a resource because the run's provider release predates it. */
export interface DroppedArgument {
  readonly address: string;
  readonly attribute: string;
  readonly because: string;
}

/** The AWS provider release a stack runs with: the one the run requires instead of the pin, else the pin. */
function runRelease(stack: Json, target: EmulatorTarget): string {
  return target.awsProviderVersion ?? String(stack["terraform"]?.["required_providers"]?.["aws"]?.["version"] ?? "");
}

/** Deletes `path` (dot-separated, through nested blocks, each a list or an object) wherever it is set; whether any was. */
function deletePath(node: unknown, path: readonly string[]): boolean {
  if (Array.isArray(node)) return node.map((item) => deletePath(item, path)).some(Boolean);
  if (node === null || typeof node !== "object") return false;
  const [head, ...rest] = path as [string, ...string[]];
  if (!Object.hasOwn(node, head)) return false;
  if (rest.length > 0) return deletePath((node as Json)[head], rest);
  delete (node as Json)[head];
  return true;
}

/**
 * The stack without the arguments its AWS provider release does not know yet: only
 * where `release` is an exact release older than the one that took the argument up.
 * A range or an unknown release keeps every argument, so validate judges them.
 */
export function withoutNewerArguments(stack: Json, release: string, newer: readonly NewerArgument[] = NEWER_ARGUMENTS): { readonly stack: Json; readonly dropped: DroppedArgument[] } {
  if (!/^\d+\.\d+\.\d+$/.test(release)) return { stack, dropped: [] };
  const applicable = newer.filter((argument) => compareVersions(release, argument.since) < 0);
  const dropped: DroppedArgument[] = [];
  let kept: Json | undefined;
  for (const argument of applicable) {
    for (const name of Object.keys(stack["resource"]?.[argument.resourceType] ?? {})) {
      kept ??= structuredClone(stack);
      if (deletePath(kept["resource"][argument.resourceType][name], argument.attribute.split("."))) {
        dropped.push({
          address: `${argument.resourceType}.${name}`,
          attribute: argument.attribute,
          because: `AWS provider ${argument.since} and later, this run has ${release}: ${argument.reason}`,
        });
      }
    }
  }
  return dropped.length > 0 ? { stack: kept!, dropped } : { stack, dropped: [] };
}

/** The S3 backend's settings for the emulator, as `terraform init -backend-config=<file>` merges them over the stack's own. */
export function s3BackendSettings(endpoint: string, caBundle: string): string {
  return [
    `endpoints = { s3 = "${endpoint}", sts = "${endpoint}", iam = "${endpoint}" }`,
    `custom_ca_bundle = ${JSON.stringify(caBundle)}`,
    "use_path_style = true",
    "skip_credentials_validation = true",
    "skip_requesting_account_id = true",
    "skip_metadata_api_check = true",
    'access_key = "test"',
    'secret_key = "test"',
    "",
  ].join("\n");
}

/** The services the stacks call; AWS_ENDPOINT_URL, set for every run, sends any other to the emulator too. */
const SERVICES = ["ec2", "elbv2", "iam", "logs", "ram", "route53", "route53profiles", "s3", "servicequotas", "ssm", "sts"];

function providerSettings(endpoint: string, caBundle: string): Json {
  return {
    endpoints: [Object.fromEntries(SERVICES.map((service) => [service, endpoint]))],
    // The emulator's HTTPS certificate is signed by an authority made for the run, which
    // only the run trusts.
    custom_ca_bundle: caBundle,
    // Credentials only the emulator accepts: a call that slipped past the endpoints
    // would be refused by AWS, never acted on.
    access_key: "test",
    secret_key: "test",
    skip_metadata_api_check: true,
    s3_use_path_style: true,
    // An API the emulator does not serve fails in seconds rather than after the
    // provider's default 25 retries.
    max_retries: 2,
  };
}

/**
 * The override that points a synthesized stack at the emulator, changing nothing else:
 * the providers' credentials and retries, the state's location, the provider release,
 * and the documented read-back deviations.
 */
export function emulatorOverride(stack: Json, target: EmulatorTarget, options: WorkspaceOptions, readBacks: ReadonlyMap<string, WrongReadBack> = WRONG_READ_BACKS): Json {
  const terraform: Json = {};
  if (options.backend === "local") terraform["backend"] = { local: { path: "terraform.tfstate" } };
  if (target.awsProviderVersion) {
    terraform["required_providers"] = { aws: { source: "hashicorp/aws", version: target.awsProviderVersion } };
  }
  const providers = (stack["provider"]?.["aws"] ?? []) as Json[];
  const provider = {
    aws: providers.map((block) => ({ ...(block["alias"] ? { alias: block["alias"] } : {}), ...providerSettings(target.endpoint, target.caBundle) })),
  };
  const resource: Json = {};
  for (const [type, resources] of Object.entries((stack["resource"] ?? {}) as Json)) {
    const readBack = readBacks.get(type);
    for (const [name, body] of Object.entries(resources as Json)) {
      const lifecycle: Json = {};
      if (readBack) {
        const existing = ((body as Json)["lifecycle"]?.["ignore_changes"] ?? []) as string[];
        lifecycle["ignore_changes"] = [...new Set([...existing, ...readBack.attributes])];
      }
      if (options.allowDestroy && (body as Json)["lifecycle"]?.["prevent_destroy"]) lifecycle["prevent_destroy"] = false;
      if (Object.keys(lifecycle).length > 0) (resource[type] ??= {})[name] = { lifecycle };
    }
  }
  return { terraform, provider, ...(Object.keys(resource).length > 0 ? { resource } : {}) };
}

const REFERENCE = /\b(data\.)?(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)/g;

/** The addresses each resource and output refers to, through expressions or depends_on. */
function referencesOf(body: unknown): Set<string> {
  const found = new Set<string>();
  for (const match of JSON.stringify(body).matchAll(REFERENCE)) {
    if (!match[1]) found.add(`${match[2]}.${match[3]}`);
  }
  return found;
}

/**
 * The stack without the resources the emulator cannot serve, and without every
 * resource and output that refers to one of them, directly or not; with the list of
 * what was left out and why.
 */
export function withoutUnserved(stack: Json, unservedTypes: ReadonlyMap<string, UnservedResource> = UNSERVED_TYPES): { readonly stack: Json; readonly leftOut: LeftOut[] } {
  const resources = (stack["resource"] ?? {}) as Json;
  const leftOut = new Map<string, string>();
  for (const [type, byName] of Object.entries(resources)) {
    const unserved = unservedTypes.get(type);
    if (!unserved) continue;
    for (const name of Object.keys(byName as Json)) leftOut.set(`${type}.${name}`, `${unserved.api}: ${unserved.reason}`);
  }
  if (leftOut.size === 0) return { stack, leftOut: [] };
  const references = new Map<string, Set<string>>();
  for (const [type, byName] of Object.entries(resources)) {
    for (const [name, body] of Object.entries(byName as Json)) references.set(`${type}.${name}`, referencesOf(body));
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const [address, refs] of references) {
      if (leftOut.has(address)) continue;
      const cause = [...refs].find((ref) => leftOut.has(ref));
      if (cause) {
        leftOut.set(address, `refers to ${cause}`);
        grew = true;
      }
    }
  }
  const kept: Json = structuredClone(stack);
  for (const address of leftOut.keys()) {
    const [type, name] = address.split(".") as [string, string];
    delete kept["resource"][type][name];
    if (Object.keys(kept["resource"][type]).length === 0) delete kept["resource"][type];
  }
  for (const [name, output] of Object.entries((kept["output"] ?? {}) as Json)) {
    const cause = [...referencesOf(output)].find((ref) => leftOut.has(ref));
    if (cause) {
      delete kept["output"][name];
      leftOut.set(`output.${name}`, `refers to ${cause}`);
    }
  }
  return { stack: kept, leftOut: [...leftOut].map(([address, because]) => ({ address, because })) };
}

export interface Workspace {
  /** The stack's name. */
  readonly name: string;
  readonly folder: string;
  readonly options: WorkspaceOptions;
  readonly stack: Json;
  readonly leftOut: readonly LeftOut[];
  /** Arguments left out of every step, as the run's provider release predates them. */
  readonly droppedArguments: readonly DroppedArgument[];
  /** The resource types of the stack as applied. */
  readonly appliedTypes: ReadonlySet<string>;
  /** The folder holds the committed lock's part for the stack, so init installs only the builds it names. */
  readonly locked: boolean;
  /** Puts the stack as applied (without what the emulator cannot serve) in place of the synthesized one. */
  useAppliedStack(): void;
}

/**
 * Readies a synthesized stack's own folder for the emulator: the override beside the
 * stack file, which stays as synth wrote it until `useAppliedStack`, except for the
 * arguments newer than the run's provider release.
 */
export function prepareWorkspace(name: string, folder: string, targetFor: (stack: Json) => EmulatorTarget, options: WorkspaceOptions, newer: readonly NewerArgument[] = NEWER_ARGUMENTS): Workspace {
  const synthesized = readTerraformJson(join(folder, STACK_FILE)) as unknown as Json;
  const target = targetFor(synthesized);
  const { stack, dropped } = withoutNewerArguments(synthesized, runRelease(synthesized, target), newer);
  if (dropped.length > 0) writeFileSync(join(folder, STACK_FILE), `${JSON.stringify(stack, null, 2)}\n`);
  writeFileSync(join(folder, OVERRIDE_FILE), `${JSON.stringify(emulatorOverride(stack, target, options), null, 2)}\n`);
  // The committed lock names the pinned release; a run on another release records its own.
  if (target.awsProviderVersion !== undefined) rmSync(join(folder, PROVIDER_LOCK_FILE), { force: true });
  const { stack: applied, leftOut } = withoutUnserved(stack);
  return {
    name,
    folder,
    options,
    stack,
    leftOut,
    droppedArguments: dropped,
    appliedTypes: new Set(Object.keys(applied["resource"] ?? {})),
    locked: existsSync(join(folder, PROVIDER_LOCK_FILE)),
    useAppliedStack() {
      if (leftOut.length === 0) return;
      writeFileSync(join(folder, STACK_FILE), `${JSON.stringify(applied, null, 2)}\n`);
      // An override may only name resources the stack has.
      writeFileSync(join(folder, OVERRIDE_FILE), `${JSON.stringify(emulatorOverride(applied, target, options), null, 2)}\n`);
    },
  };
}
