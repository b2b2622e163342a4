import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, TerraformResource, TerraformStack, Testing } from "cdktf";
import type { IConstruct } from "constructs";
import { buildApp, synthesizeStacks } from "../../src/app";
import { mergeOverrides, assertValidConfig, type ProjectConfig } from "../../src/topologies/project-config";
import { topologyOf } from "../../src/topologies/registry";

/** Terraform JSON of one stack, as `cdktf synth` writes it. */
export interface StackJson {
  terraform: Record<string, any>;
  provider?: Record<string, any[]>;
  resource?: Record<string, Record<string, any>>;
  data?: Record<string, Record<string, any>>;
  output?: Record<string, { value: string; description?: string }>;
}

export function tempDir(prefix = "privnet-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The article defaults with `overrides` laid over them, validated as the app would. */
export function configWith(overrides: unknown = {}): ProjectConfig {
  const config = mergeOverrides(overrides, "test overrides");
  assertValidConfig(config, "test overrides");
  return config;
}

export function appWith(overrides: unknown = {}): App {
  return buildApp({ config: configWith(overrides), outdir: tempDir() });
}

export function stackOf(app: App, name: string): TerraformStack {
  const stack = app.node.tryFindChild(name);
  if (!(stack instanceof TerraformStack)) {
    throw new Error(`the app has no stack named ${name}`);
  }
  return stack;
}

export interface SynthesizedStack {
  readonly stack: TerraformStack;
  readonly text: string;
  readonly json: StackJson;
}

/**
 * Every stack as synth writes it to disk, keyed by name. Unlike `Testing.synth`, this
 * keeps cdktf's `//` blocks, where guardrail exceptions travel.
 */
export function writtenStacks(overrides: unknown = {}): Map<string, StackJson> {
  return new Map(synthesizeStacks(configWith(overrides)).map((stack) => [stack.name, stack.json as unknown as StackJson]));
}

/** Synthesized stacks by name and overrides: tests only read them, so one synth serves every test of a worker. */
const synthesized = new Map<string, SynthesizedStack>();

/** Makes a shared result read-only, so that a test that changed it would fail rather than mislead the next one. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
  return value;
}

/**
 * Synthesizes one stack in memory, building only its own topology (stacks do not
 * refer to one another); fails on error annotations, which `Testing.synth` ignores.
 * The result is shared and frozen.
 */
export function synthStack(name: string, overrides: unknown = {}): SynthesizedStack {
  const key = `${name} ${JSON.stringify(overrides)}`;
  const known = synthesized.get(key);
  if (known !== undefined) return known;
  const topology = topologyOf(name);
  if (topology === undefined) throw new Error(`the app has no stack named ${name}`);
  // As the app makes it (buildApp), less the other topologies.
  const app = new App({ outdir: tempDir() });
  topology.build(app, configWith(overrides));
  const stack = stackOf(app, name);
  const text = Testing.synth(stack);
  const errors = annotationsOf(stack, "@cdktf/error");
  if (errors.length > 0) {
    throw new Error(`stack ${name} has error annotations:\n${errors.join("\n")}`);
  }
  const result = { stack, text, json: deepFreeze(JSON.parse(text) as StackJson) };
  synthesized.set(key, result);
  return result;
}

export function annotationsOf(scope: IConstruct, type: "@cdktf/error" | "@cdktf/warn" | "@cdktf/info"): string[] {
  return scope.node
    .findAll()
    .flatMap((construct) => construct.node.metadata)
    .filter((entry) => entry.type === type)
    .map((entry) => String(entry.data));
}

/** Every resource of a type, keyed by its logical name, without cdktf's metadata. */
export function resourcesOf(json: StackJson, type: string): Record<string, any> {
  const found = json.resource?.[type] ?? {};
  return Object.fromEntries(
    Object.entries(found).map(([name, body]) => {
      const { "//": _metadata, ...rest } = body as Record<string, unknown>;
      return [name, rest];
    }),
  );
}

/** The single resource of a type whose Name tag is `name` (e.g. `peering-vpc1`). */
export function resourceNamed(json: StackJson, type: string, name: string): { address: string; body: any } {
  const matches = Object.entries(resourcesOf(json, type)).filter(([, body]) => body.tags?.Name === name);
  if (matches.length !== 1) {
    throw new Error(`expected one ${type} named ${name}, found ${matches.length}`);
  }
  const [logicalName, body] = matches[0]!;
  return { address: `${type}.${logicalName}`, body };
}

/** `${type.name.id}`-style reference to a resource address. */
export function ref(address: string, attribute = "id"): string {
  return `\${${address}.${attribute}}`;
}

/** `type.name` of every resource and data source in a stack, sorted. */
export function addressesOf(json: StackJson): string[] {
  const addresses: string[] = [];
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    addresses.push(...Object.keys(byName).map((name) => `${type}.${name}`));
  }
  for (const [type, byName] of Object.entries(json.data ?? {})) {
    addresses.push(...Object.keys(byName).map((name) => `data.${type}.${name}`));
  }
  return addresses.sort();
}

/** Resources whose provider class accepts tags: the taggable ones. */
export function taggableResourcesOf(stack: TerraformStack): TerraformResource[] {
  return stack.node
    .findAll()
    .filter((c): c is TerraformResource => c instanceof TerraformResource)
    .filter((resource) => "tagsInput" in resource);
}

/** Rules of a kind attached to the group whose Name tag is `groupName`, without their metadata. */
export function rulesOfGroup(json: StackJson, kind: "ingress" | "egress", groupName: string): any[] {
  const group = resourceNamed(json, "aws_security_group", groupName).address;
  return Object.values(resourcesOf(json, `aws_vpc_security_group_${kind}_rule`)).filter((rule) => rule.security_group_id === ref(group));
}

/** An output's value, whatever its shape. */
export function outputOf(json: StackJson, name: string): any {
  return json.output?.[name]?.value;
}
