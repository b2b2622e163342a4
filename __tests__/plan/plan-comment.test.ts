import { describe, expect, it } from "vitest";
import {
  COMMENT_BUDGET_BYTES,
  MAX_LISTED_CHANGES,
  planCommentMarker,
  renderPlanComment,
  renderPlanFailure,
  renderPlanUnavailable,
  stackOfPlanComment,
} from "../../src/plan/plan-comment";
import { summarizePlan, type PlanSummary } from "../../src/plan/plan-json";
import { fixturePlan } from "../support/plans";

const GITHUB_LIMIT = 65_536;
const context = { stack: "peering", commit: "0123456789abcdef", runUrl: "https://github.com/o/r/actions/runs/1", terraformVersion: "1.16.3" };

/** The markdown stays well-formed: every fence that opens closes, every details block ends. */
function expectBalanced(body: string): void {
  expect(body.match(/<details( open)?>/g)?.length).toBe(body.match(/<\/details>/g)?.length);
  const fences = body.split("\n").filter((line) => /^`{3,}/.test(line));
  expect(fences.length % 2).toBe(0);
  for (let index = 0; index < fences.length; index += 2) {
    expect(fences[index + 1]).toBe(fences[index]!.replace(/text$/, ""));
  }
}

function summaryWith(overrides: Partial<PlanSummary>): PlanSummary {
  return { add: 0, change: 0, destroy: 0, importing: 0, forget: 0, moved: 0, destructive: [], outputChanges: 0, drift: 0, ...overrides };
}

describe("plan comment", () => {
  const { json, text } = fixturePlan("mixed");
  const body = renderPlanComment(summarizePlan(json), text, context);
  const lines = body.split("\n");

  it("starts with the stack's hidden key, then the counts", () => {
    expect(lines[0]).toBe(planCommentMarker("peering"));
    expect(stackOfPlanComment(body)).toBe("peering");
    expect(lines[1]).toBe("### `peering`: 2 to add, 1 to change, 2 to destroy");
  });

  it("calls out the destroyed and replaced resources in a caution block with their reasons, before the plan", () => {
    expect(body).toContain("> [!CAUTION]\n> **This plan destroys 2 resources**: 1 replaced (destroyed, then created again) and 1 deleted.");
    expect(body).toContain("| **replace** | `terraform_data.replace` | cannot change in place: triggers_replace |");
    expect(body).toContain("| **destroy** | `terraform_data.gone` | no longer in the configuration |");
    expect(body.indexOf("[!CAUTION]")).toBeLessThan(body.indexOf("<details>"));
  });

  it("folds the whole plan away in a fence its own backticks cannot close", () => {
    expect(body).toContain("<details><summary>Full plan (");
    expect(text).toContain("```fence```");
    expect(body).toContain("````text\n");
    expect(body).toContain(text.trimEnd());
    expectBalanced(body);
  });

  it("ends with the Terraform release, the commit and the run", () => {
    expect(lines.at(-2)).toBe("<sub>Terraform 1.11.4 · head 0123456 · [workflow run](https://github.com/o/r/actions/runs/1)</sub>");
  });

  it("says plainly when nothing changes, without a caution block", () => {
    const none = fixturePlan("no-changes");
    const quiet = renderPlanComment(summarizePlan(none.json), none.text, context);
    expect(quiet.split("\n")[1]).toBe("### `peering`: no changes");
    expect(quiet).toContain("Terraform would change nothing");
    expect(quiet).not.toContain("CAUTION");
  });

  it("stays under GitHub's limit with a huge plan, keeping its start and end and saying what was left out", () => {
    const huge = Array.from({ length: 200_000 }, (_, index) => `  + resource line ${index} 日本語`).join("\n");
    const long = renderPlanComment(summaryWith({ add: 5000 }), huge, context);
    expect(Buffer.byteLength(long, "utf8")).toBeLessThanOrEqual(COMMENT_BUDGET_BYTES);
    expect(COMMENT_BUDGET_BYTES).toBeLessThan(GITHUB_LIMIT);
    expect(long).toContain("  + resource line 0 日本語");
    expect(long).toContain("  + resource line 199999 日本語");
    const omitted = Number(/… ([\d]+) lines left out to stay under GitHub's comment size limit/.exec(long)![1]);
    const shown = long.split("\n").filter((line) => line.startsWith("  + resource line")).length;
    expect(shown + omitted).toBe(200_000);
    expect(long).toContain("Full plan (200000 lines), shortened");
    expectBalanced(long);
  });

  it("lists at most a fixed number of destroyed resources, then says how many more, escaping pipes in addresses", () => {
    const destructive = Array.from({ length: MAX_LISTED_CHANGES + 5 }, (_, index) => ({ address: `aws_route.r["a|${index}"]`, kind: "destroy" as const, why: "no longer in the configuration" }));
    const many = renderPlanComment(summaryWith({ destroy: destructive.length, destructive }), "plan", context);
    expect(many.split("\n").filter((line) => line.startsWith("| **destroy**"))).toHaveLength(MAX_LISTED_CHANGES);
    expect(many).toContain('`aws_route.r["a\\|0"]`');
    expect(many).toContain("_…and 5 more, in the full plan below._");
  });

  it("shows a failed step with the end of its output open, where Terraform's errors are", () => {
    const output = [...Array.from({ length: 100_000 }, (_, index) => `refresh line ${index}`), "Error: No valid credential sources found"].join("\n");
    const failed = renderPlanFailure("terraform init", output, context);
    expect(failed.split("\n")[0]).toBe(planCommentMarker("peering"));
    expect(failed.split("\n")[1]).toBe("### :x: `peering`: terraform init failed");
    expect(failed).toContain("<details open><summary>Output of terraform init, shortened</summary>");
    expect(failed).toContain("Error: No valid credential sources found");
    expect(failed).not.toContain("refresh line 0\n");
    expect(Buffer.byteLength(failed, "utf8")).toBeLessThanOrEqual(COMMENT_BUDGET_BYTES);
    expectBalanced(failed);
  });

  it("keeps long reasons and addresses from crowding out the plan, and stays under the limit", () => {
    const why = `cannot change in place: ${Array.from({ length: 2000 }, (_, index) => `tags.k${index}`).join(", ")}`;
    const destructive = Array.from({ length: MAX_LISTED_CHANGES }, (_, index) => ({ address: `aws_instance.i${index}${"x".repeat(5000)}`, kind: "replace" as const, why }));
    const crowded = renderPlanComment(summaryWith({ add: 40, destroy: 40, destructive }), "  # the plan itself", context);
    expect(Buffer.byteLength(crowded, "utf8")).toBeLessThanOrEqual(COMMENT_BUDGET_BYTES);
    expect(crowded).toContain("  # the plan itself");
    expect(crowded).toMatch(/… \(\d+ more characters\)/);
    expect(crowded).toMatch(/_…and \d+ more, in the full plan below\._/);
    expectBalanced(crowded);
  });

  it("cuts an over-long line instead of dropping it, so the error at the end still shows", () => {
    const output = ["Initializing...", `Error: ${"y".repeat(100_000)}`].join("\n");
    const failed = renderPlanFailure("terraform plan", output, context);
    expect(failed).toContain(`Error: ${"y".repeat(100)}`);
    expect(failed).toContain("more characters)");
    const single = renderPlanComment(summaryWith({ add: 1 }), "z".repeat(200_000), context);
    expect(single).toContain("z".repeat(1000));
    expect(Buffer.byteLength(single, "utf8")).toBeLessThanOrEqual(COMMENT_BUDGET_BYTES);
  });

  it("replaces an earlier plan with a notice when this push got no plan", () => {
    const notice = renderPlanUnavailable("The tests failed", context);
    expect(notice.split("\n").slice(0, 2)).toEqual([planCommentMarker("peering"), "### :warning: `peering`: no plan for this push"]);
    expect(notice).toContain("The tests failed, so Terraform made no plan for this push, and any plan shown here before no longer matches the pull request.");
    expect(notice).toContain("head 0123456 · [workflow run](https://github.com/o/r/actions/runs/1)");
  });

  it("refuses a stack name that could end the hidden comment early, and reads no key from other comments", () => {
    expect(() => planCommentMarker("a-->b")).toThrow(/cannot be used in a plan comment marker/);
    expect(stackOfPlanComment("LGTM\n<!-- privnet-plan stack=peering -->")).toBeUndefined();
  });
});
