import { buildNetworkModel } from "../../reachability/build-model";
import { diffReachability, type FlowChange, type ReviewSide } from "../../reachability/diff/reachability-diff";
import { expandFlows, type StackFlows } from "../../reachability/flows";
import { stateAsConfig } from "../../reachability/state-as-config";
import type { ResourceDrift } from "../deployed-state";
import type { TerraformJson } from "../../terraform-json/read";
import type { StateResource } from "../../terraform-json/state";
import { managedEntries, MANAGED_LISTS, standingEntries, unmanagedEntries, withoutEntries } from "../../reachability/managed-elsewhere";

/** One attribute the provider read differently from what the state recorded. */
export interface AttributeDrift {
  readonly attribute: string;
  /** Entries of a list that appeared or went (for a group's rules, only those no resource of the stack manages). */
  readonly added?: readonly string[];
  readonly removed?: readonly string[];
  /** A value that changed, as recorded and as read now; absent for a sensitive one. */
  readonly before?: string;
  readonly after?: string;
  readonly sensitive?: boolean;
}

export interface DriftedResource {
  readonly address: string;
  readonly constructPath?: string;
  /** `changed` in place; `deleted` when the object is gone. */
  readonly change: "changed" | "deleted";
  readonly attributes: readonly AttributeDrift[];
}

/** Entries made outside Terraform before the last apply, which kept them: still there, and no deploy removes them. */
export interface StandingDrift {
  readonly address: string;
  readonly constructPath?: string;
  readonly attribute: string;
  readonly entries: readonly string[];
}

export interface DriftReport {
  readonly stack: string;
  /** Any resource drifted, any flow changed, or an entry made outside Terraform still stands. */
  readonly drifted: boolean;
  readonly resources: readonly DriftedResource[];
  readonly standing: readonly StandingDrift[];
  readonly opened: readonly FlowChange[];
  readonly closed: readonly FlowChange[];
  readonly changedPath: readonly FlowChange[];
  readonly uncertain: readonly FlowChange[];
  readonly flowsCompared: number;
  /** The stack declared its flows; without them every flow counts as undeclared. */
  readonly flowsDeclared: boolean;
}

/** Attributes that change with the provider's settings, not with the resource (`tags_all` follows `default_tags`). */
const NOT_DRIFT = new Set(["tags_all"]);
const SHOWN_CHARACTERS = 120;

function shown(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value ?? null);
  return text.length > SHOWN_CHARACTERS ? `${text.slice(0, SHOWN_CHARACTERS - 1)}…` : text;
}

/** A value with every kind of nothing made one: providers read back an unset list as null or [] by turns. */
function withEmptiesAsNull(value: unknown): unknown {
  if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) return null;
  if (Array.isArray(value)) return value.map(withEmptiesAsNull);
  if (typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withEmptiesAsNull(item)]));
  return value;
}

/**
 * `inline`: the stack declares this list on its holder (a private zone's own `vpc`).
 * Otherwise an entry no resource manages that went is no drift: it moved toward the
 * code, a rule made by hand and removed again, or one the last apply recorded on its
 * holder (read before the apply) just as that apply destroyed its resource.
 */
function attributeDrift(drift: ResourceDrift, key: string, managed: ReadonlyMap<string, ReadonlySet<string>>, inline: boolean): AttributeDrift | undefined {
  const before = drift.before[key];
  const after = drift.after?.[key];
  if (JSON.stringify(withEmptiesAsNull(before)) === JSON.stringify(withEmptiesAsNull(after))) return undefined;
  if (drift.sensitive.includes(key)) return { attribute: key, sensitive: true };
  if (MANAGED_LISTS[drift.type]?.[key] !== undefined) {
    const was = unmanagedEntries(drift.type, key, drift.before, managed) ?? [];
    const now = unmanagedEntries(drift.type, key, drift.after, managed) ?? [];
    const added = now.filter((entry) => !was.includes(entry));
    const removed = inline ? was.filter((entry) => !now.includes(entry)) : [];
    return added.length + removed.length === 0 ? undefined : { attribute: key, ...(added.length > 0 ? { added } : {}), ...(removed.length > 0 ? { removed } : {}) };
  }
  if (Array.isArray(before ?? []) && Array.isArray(after ?? [])) {
    const was = ((before ?? []) as unknown[]).map(shown);
    const now = ((after ?? []) as unknown[]).map(shown);
    const added = now.filter((entry) => !was.includes(entry));
    const removed = was.filter((entry) => !now.includes(entry));
    if (added.length + removed.length > 0) return { attribute: key, ...(added.length > 0 ? { added } : {}), ...(removed.length > 0 ? { removed } : {}) };
  }
  return { attribute: key, before: shown(before), after: shown(after) };
}

/** The stack declares `attribute` on the resource itself, as a private zone's own `vpc`. */
function declaresInline(synthesized: TerraformJson | undefined, resource: { readonly type: string; readonly name: string }, attribute: string): boolean {
  return synthesized?.resource?.[resource.type]?.[resource.name]?.[attribute] !== undefined;
}

function constructPathOf(synthesized: TerraformJson | undefined, resource: { readonly type: string; readonly name: string }): { constructPath?: string } {
  const metadata = (synthesized?.resource?.[resource.type]?.[resource.name]?.["//"] as { metadata?: { path?: string } } | undefined)?.metadata;
  return metadata?.path === undefined ? {} : { constructPath: metadata.path };
}

/**
 * What drifted, resource by resource, without what the refresh merely revealed: the
 * rules, routes and zone associations the stack manages with resources of their own
 * fill their holder's list on refresh, and are no drift.
 */
export function driftedResources(drift: readonly ResourceDrift[], resources: readonly StateResource[], synthesized?: TerraformJson): DriftedResource[] {
  const managed = managedEntries(resources);
  const pathOf = (drifted: ResourceDrift) => constructPathOf(synthesized, drifted);
  return drift.flatMap((drifted): DriftedResource[] => {
    if (drifted.action === "delete" || drifted.after === undefined) return [{ address: drifted.address, ...pathOf(drifted), change: "deleted", attributes: [] }];
    const keys = [...new Set([...Object.keys(drifted.before), ...Object.keys(drifted.after)])].filter((key) => !NOT_DRIFT.has(key)).sort();
    const attributes = keys.flatMap((key) => attributeDrift(drifted, key, managed, declaresInline(synthesized, drifted, key)) ?? []);
    return attributes.length === 0 ? [] : [{ address: drifted.address, ...pathOf(drifted), change: "changed", attributes }];
  });
}

export interface DriftInputs {
  readonly stack: string;
  /** The state as the last apply recorded it (`terraform state pull`). */
  readonly recorded: readonly StateResource[];
  /** The state as the provider reads it now (the refresh-only plan's prior state). */
  readonly refreshed: readonly StateResource[];
  readonly drift: readonly ResourceDrift[];
  /** The stack as synthesized now: construct paths and providers where the state has none. */
  readonly synthesized?: TerraformJson;
  readonly flows?: StackFlows;
}

/**
 * Drift in network terms: the recorded state and the refreshed one read by the same
 * model as a synth, and compared by the review's reachability diff, so a rule edited
 * in the console reads as the flows it opened or closed, must-not ones first.
 */
export function driftReport(inputs: DriftInputs): DriftReport {
  const providers = new Map(inputs.recorded.flatMap((resource) => (resource.provider === undefined ? [] : [[resource.address, resource.provider] as const])));
  const refreshed = inputs.refreshed.map((resource) => (resource.provider !== undefined || !providers.has(resource.address) ? resource : { ...resource, provider: providers.get(resource.address)! }));
  const side = (resources: readonly StateResource[]): ReviewSide => {
    const json = stateAsConfig(resources, { stackName: inputs.stack, ...(inputs.synthesized ? { synthesized: inputs.synthesized } : {}) });
    const model = buildNetworkModel(json, inputs.stack);
    return { json, model, declared: inputs.flows ? expandFlows(model, inputs.flows) : [] };
  };
  const managed = managedEntries([...inputs.recorded, ...refreshed]);
  const inline = (resource: StateResource, attribute: string) => declaresInline(inputs.synthesized, resource, attribute);
  const standing = standingEntries(inputs.recorded, refreshed, managed, inline);
  // The flows are compared from what the code made at the last apply: every entry no
  // resource manages left out of the recorded lists, so that a rule added by hand still
  // counts once an apply has recorded it, and one the apply recorded as it destroyed its
  // resource closes nothing.
  const asCodeMadeIt = inputs.recorded.map((resource) =>
    Object.keys(MANAGED_LISTS[resource.type] ?? {}).reduce((current, attribute) => {
      if (inline(resource, attribute)) return current;
      const entries = unmanagedEntries(resource.type, attribute, current.values, managed) ?? [];
      return entries.length === 0 ? current : withoutEntries(current, attribute, new Set(entries));
    }, resource),
  );
  const reachability = diffReachability(inputs.stack, side(asCodeMadeIt), side(refreshed));
  const resources = driftedResources(inputs.drift, [...inputs.recorded, ...refreshed], inputs.synthesized);
  const flowsChanged = reachability.opened.length + reachability.closed.length + reachability.changedPath.length > 0;
  return {
    stack: inputs.stack,
    drifted: resources.length > 0 || flowsChanged || standing.length > 0,
    resources,
    standing: standing.map((entry) => ({ address: entry.address, ...constructPathOf(inputs.synthesized, entry), attribute: entry.attribute, entries: entry.entries })),
    opened: reachability.opened,
    closed: reachability.closed,
    changedPath: reachability.changedPath,
    uncertain: reachability.uncertain,
    flowsCompared: reachability.flowsCompared,
    flowsDeclared: inputs.flows !== undefined,
  };
}
