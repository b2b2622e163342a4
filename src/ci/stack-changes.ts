import { existsSync } from "node:fs";
import { join } from "node:path";
import { readSynthesizedStacks, type SynthesizedStack } from "../terraform-json/synthesized-stacks";
import { assumedRolesOf, s3BackendOf } from "../terraform-json/backend";


/** A stack the pull-request workflow runs `terraform plan` for, and why. */
export interface StackToPlan {
  readonly stack: string;
  /** Region of the stack's S3 state bucket: where the workflow's AWS session starts. */
  readonly region: string;
  readonly reason: string;
}

export interface StackChanges {
  readonly toPlan: readonly StackToPlan[];
  /** Stacks whose synthesized configuration is the base's: a plan would show nothing this PR changed. */
  readonly unchanged: readonly string[];
  /**
   * Stacks whose state is not in the S3 bucket (the `state` stack bootstraps that
   * bucket and keeps a local state): a runner has no state for them, so a plan would
   * propose to create everything again. They are deployed from a workstation.
   */
  readonly localState: readonly string[];
  /**
   * Changed stacks that reach other accounts through roles (`assumeRoleArn`). The plan
   * role assumes none of them: they can write, and pull-request code runs with the plan
   * role. A deploy, with its own role, does take them.
   */
  readonly otherAccounts: readonly StackToPlan[];
  /** Stacks of the base that the head no longer defines: deleting code destroys nothing. */
  readonly removed: readonly string[];
  /** Why the base could not be compared (then every stack is planned). */
  readonly baseProblem?: string;
}

/** The base side of the comparison: its synthesized stacks, or why there are none. */
export type BaseStacks = { readonly stacks: readonly SynthesizedStack[] } | { readonly problem: string };

/** The stacks synthesized from the base commit into `outdir`, or why there are none (`missing` when nothing was written). */
export function readBaseStacks(outdir: string, missing: string): BaseStacks {
  if (outdir === "" || !existsSync(join(outdir, "manifest.json"))) {
    return { problem: missing };
  }
  try {
    return { stacks: readSynthesizedStacks(outdir) };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

/**
 * The configuration as Terraform reads it: cdktf's `//` entries (construct paths,
 * stack metadata, guardrail exceptions) are comments to Terraform, so a change to them
 * alone changes no plan. Keys are sorted so that order alone is no change either.
 */
export function canonicalConfiguration(value: unknown): string {
  return JSON.stringify(withoutComments(value));
}

function withoutComments(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(withoutComments);
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .filter((key) => key !== "//")
        .sort()
        .map((key) => [key, withoutComments((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/**
 * Which stacks a pull request's plan covers: every stack of the head (the app decides
 * which exist, through its manifest) whose state is in S3, that stays in the plan
 * role's account, and whose configuration
 * differs from the base's, plus any stack in `alsoPlan` (one that already has a plan
 * comment from an earlier push, so that comment is refreshed rather than left stale).
 * When the base cannot be read, every such stack is planned.
 */
export function compareStacks(head: readonly SynthesizedStack[], base: BaseStacks, alsoPlan: readonly string[] = []): StackChanges {
  const baseByName = "stacks" in base ? new Map(base.stacks.map((stack) => [stack.name, stack])) : undefined;
  const toPlan: StackToPlan[] = [];
  const unchanged: string[] = [];
  const localState: string[] = [];
  const otherAccounts: StackToPlan[] = [];
  for (const stack of head) {
    const backend = s3BackendOf(stack.json);
    if (!backend) {
      localState.push(stack.name);
      continue;
    }
    const region = backend.region ?? "";
    const reason = planReason(stack, baseByName, base, alsoPlan.includes(stack.name));
    if (reason === undefined) {
      unchanged.push(stack.name);
    } else if (assumedRolesOf(stack.json).length > 0) {
      otherAccounts.push({ stack: stack.name, region, reason });
    } else {
      toPlan.push({ stack: stack.name, region, reason });
    }
  }
  const headNames = new Set(head.map((stack) => stack.name));
  const removed = baseByName ? [...baseByName.keys()].filter((name) => !headNames.has(name)) : [];
  return { toPlan, unchanged, localState, otherAccounts, removed, ...("problem" in base ? { baseProblem: base.problem } : {}) };
}

function planReason(
  stack: SynthesizedStack,
  baseByName: ReadonlyMap<string, SynthesizedStack> | undefined,
  base: BaseStacks,
  hasEarlierComment: boolean,
): string | undefined {
  if (!baseByName) {
    return `the base could not be compared (${"problem" in base ? base.problem : "unknown"}), so every stack is planned`;
  }
  const before = baseByName.get(stack.name);
  if (!before) {
    return "new stack: the base does not define it";
  }
  if (canonicalConfiguration(before.json) !== canonicalConfiguration(stack.json)) {
    return "its synthesized configuration differs from the base's";
  }
  return hasEarlierComment ? "unchanged from the base now, but an earlier push's plan comment would be stale" : undefined;
}

/** Stacks to plan whose S3 backend has no bucket: `terraform init` would stop on them. */
export function stacksWithoutBucket(head: readonly SynthesizedStack[], changes: StackChanges): string[] {
  const planned = new Set(changes.toPlan.map((entry) => entry.stack));
  return head.filter((stack) => planned.has(stack.name) && !s3BackendOf(stack.json)?.bucket).map((stack) => stack.name);
}

/** A job matrix of stacks as the workflows fan out over it: `{"include":[{"stack","region"}]}`. */
export function stackMatrix(entries: readonly { readonly stack: string; readonly region: string }[]): { include: { stack: string; region: string }[] } {
  return { include: entries.map((entry) => ({ stack: entry.stack, region: entry.region })) };
}
