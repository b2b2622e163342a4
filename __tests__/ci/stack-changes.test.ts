import { describe, expect, it } from "vitest";
import { synthesizeStacks } from "../../src/app";
import { canonicalConfiguration, compareStacks, stacksWithoutBucket } from "../../src/ci/stack-changes";
import type { SynthesizedStack } from "../../src/terraform-json/synthesized-stacks";
import { EVERYTHING_ON } from "../support/everything-on";
import { configWith } from "../support/synth";

const BUCKET = { state: { bucket: "privnet-tfstate-test" } };
const base = synthesizeStacks(configWith(BUCKET));
const S3_STACKS = ["peering", "endpoint-sharing", "privatelink", "alb-peering"];

function withJson(stack: SynthesizedStack, json: unknown): SynthesizedStack {
  return { ...stack, json: json as SynthesizedStack["json"] };
}

describe("which stacks a pull request plans", () => {
  it("plans nothing when the configuration is the base's, and never the stack with local state", () => {
    const changes = compareStacks(synthesizeStacks(configWith(BUCKET)), { stacks: base });
    expect(changes.toPlan).toEqual([]);
    expect(changes.unchanged).toEqual(S3_STACKS);
    expect(changes.localState).toEqual(["state"]);
  });

  it("plans exactly the stack a change reaches, in its state bucket's region", () => {
    const head = synthesizeStacks(configWith({ ...BUCKET, peering: { accepter: { cidr: "172.19.0.0/16", subnet: { cidr: "172.19.1.0/24" } } } }));
    const changes = compareStacks(head, { stacks: base });
    expect(changes.toPlan).toEqual([{ stack: "peering", region: "ap-northeast-1", reason: "its synthesized configuration differs from the base's" }]);
  });

  it("plans a stack whose every resource changes with a project-wide setting, and each of them", () => {
    const changes = compareStacks(synthesizeStacks(configWith({ ...BUCKET, tags: { CostCenter: "lab" } })), { stacks: base });
    expect(changes.toPlan.map((entry) => entry.stack)).toEqual(S3_STACKS);
  });

  it("ignores changes to cdktf's // comments and to key order, which change no plan", () => {
    const peering = base.find((stack) => stack.name === "peering")!;
    const reversed = (value: unknown): unknown =>
      typeof value === "object" && value !== null && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reversed(item)]))
        : value;
    const reordered = reversed(peering.json);
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(peering.json));
    const commented = withJson(peering, { ...peering.json, "//": { metadata: { version: "other" } } });
    expect(canonicalConfiguration(reordered)).toBe(canonicalConfiguration(peering.json));
    expect(compareStacks([commented], { stacks: base }).unchanged).toEqual(["peering"]);
  });

  it("plans every stack when the base could not be synthesized, and says why", () => {
    const changes = compareStacks(base, { problem: "base synth failed" });
    expect(changes.toPlan.map((entry) => entry.stack)).toEqual(S3_STACKS);
    expect(changes.toPlan[0]!.reason).toBe("the base could not be compared (base synth failed), so every stack is planned");
    expect(changes.baseProblem).toBe("base synth failed");
  });

  it("plans a stack the base does not have, and reports one the head no longer defines", () => {
    const peering = base.find((stack) => stack.name === "peering")!;
    const added = { ...peering, name: "peering-2" };
    const changes = compareStacks([...base.filter((stack) => stack.name !== "alb-peering"), added], { stacks: base });
    expect(changes.toPlan).toEqual([{ stack: "peering-2", region: "ap-northeast-1", reason: "new stack: the base does not define it" }]);
    expect(changes.removed).toEqual(["alb-peering"]);
  });

  it("plans an unchanged stack again when an earlier push left a plan comment for it, so that comment is not stale", () => {
    const changes = compareStacks(base, { stacks: base }, ["alb-peering"]);
    expect(changes.toPlan).toEqual([
      { stack: "alb-peering", region: "ap-northeast-1", reason: "unchanged from the base now, but an earlier push's plan comment would be stale" },
    ]);
  });

  it("leaves stacks that reach other accounts to workstations: the plan role assumes no role that can write", () => {
    const crossAccount = synthesizeStacks(configWith({ ...BUCKET, albPeering: EVERYTHING_ON["albPeering"] }));
    const changes = compareStacks(crossAccount, { stacks: base });
    expect(changes.otherAccounts).toEqual([{ stack: "alb-peering", region: "ap-northeast-1", reason: "its synthesized configuration differs from the base's" }]);
    expect(changes.toPlan.map((entry) => entry.stack)).not.toContain("alb-peering");
  });

  it("finds stacks to plan that have no state bucket to plan against", () => {
    const unset = synthesizeStacks(configWith({}));
    expect(stacksWithoutBucket(unset, compareStacks(unset, { problem: "none" }))).toEqual(S3_STACKS);
    expect(stacksWithoutBucket(base, compareStacks(base, { problem: "none" }))).toEqual([]);
  });
});
