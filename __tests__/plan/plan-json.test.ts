import { describe, expect, it } from "vitest";
import { hasResourceChanges, summarizePlan } from "../../src/plan/plan-json";
import { fixturePlan } from "../support/plans";

describe("plan summary from terraform show -json", () => {
  it("counts as Terraform's own Plan: line does, a replacement being one add and one destroy", () => {
    const { json, text } = fixturePlan("mixed");
    const summary = summarizePlan(json);
    const [, add, change, destroy] = /Plan: (\d+) to add, (\d+) to change, (\d+) to destroy\./.exec(text)!;
    expect([summary.add, summary.change, summary.destroy]).toEqual([Number(add), Number(change), Number(destroy)]);
    expect([summary.add, summary.change, summary.destroy]).toEqual([2, 1, 2]);
    expect(summary.terraformVersion).toBe("1.11.4");
  });

  it("lists replacements before deletions, each with Terraform's reason in words", () => {
    const summary = summarizePlan(fixturePlan("mixed").json);
    expect(summary.destructive).toEqual([
      { address: "terraform_data.replace", kind: "replace", why: "cannot change in place: triggers_replace" },
      { address: "terraform_data.gone", kind: "destroy", why: "no longer in the configuration" },
    ]);
    expect(summary.outputChanges).toBe(1);
  });

  it("sees no change in a plan that has none", () => {
    const summary = summarizePlan(fixturePlan("no-changes").json);
    expect(hasResourceChanges(summary)).toBe(false);
    expect(summary.destructive).toEqual([]);
  });

  it("leaves data source reads out, and counts imports, moves, forgets and drift", () => {
    const summary = summarizePlan({
      resource_changes: [
        { address: "data.aws_ssm_parameter.ami", mode: "data", change: { actions: ["read"] } },
        { address: "aws_vpc.a", mode: "managed", change: { actions: ["no-op"], importing: { id: "vpc-1" } } },
        { address: "aws_vpc.b", previous_address: "aws_vpc.old", mode: "managed", change: { actions: ["no-op"] } },
        { address: "aws_vpc.c", mode: "managed", change: { actions: ["forget"] } },
        { address: "aws_instance.d", mode: "managed", action_reason: "replace_because_tainted", change: { actions: ["create", "delete"] } },
        { address: "aws_route.e", mode: "managed", action_reason: "replace_because_cannot_update", change: { actions: ["delete", "create"], replace_paths: [["ingress", 0, "cidr_blocks"]] } },
      ],
      resource_drift: [{ address: "aws_vpc.a", mode: "managed", change: { actions: ["update"] } }],
    });
    expect(summary).toMatchObject({ add: 2, change: 0, destroy: 2, importing: 1, moved: 1, forget: 1, drift: 1 });
    expect(summary.destructive.map((change) => change.why)).toEqual(["tainted by an earlier failed apply", "cannot change in place: ingress[0].cidr_blocks"]);
    expect(hasResourceChanges(summary)).toBe(true);
  });
});
