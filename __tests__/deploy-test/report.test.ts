import { describe, expect, it } from "vitest";
import { renderDroppedArguments, renderLeftOut, renderTable } from "../../src/deploy-test/report";

describe("the run's table", () => {
  it("has a row per deployment with each step's result and time, counts the other checks, and adds each column up in a last row", () => {
    const table = renderTable([
      {
        name: "peering",
        description: "defaults",
        ok: false,
        leftOut: [],
        droppedArguments: [],
        steps: [
          { step: "synth", ok: true, seconds: 0.4 },
          { step: "init", ok: true, seconds: 1 },
          { step: "replan", ok: false, seconds: 3, detail: "changes" },
          { step: "drift", ok: true, seconds: 4 },
          { step: "drift: the intended ping closed", ok: true, seconds: 0 },
          { step: "drift", ok: true, seconds: 2 },
          { step: "leftovers", ok: true, seconds: 0.5 },
        ],
      },
      {
        name: "bootstrap",
        description: "",
        ok: true,
        leftOut: [{ address: "peering: aws_x.y", because: "z" }],
        droppedArguments: [{ address: "state: aws_e.f", attribute: "rule.a", because: "b" }],
        steps: [
          { step: "synth", ok: true, seconds: 1 },
          { step: "[state] apply", ok: true, seconds: 60 },
          { step: "synth with bucket", ok: true, seconds: 1 },
          { step: "lock contention", ok: true, seconds: 2 },
          { step: "lock released", ok: false, seconds: 0 },
        ],
      },
    ]).split("\n");
    expect(lines(table)).toEqual([
      ["case", "synth", "init", "validate", "plan", "apply", "replan", "drift", "destroy", "leftovers", "checks", "total"],
      ["---", "---", "---", "---", "---", "---", "---", "---", "---", "---", "---", "---"],
      ["peering", "ok 0.4s", "ok 1.0s", "-", "-", "-", "FAIL 3.0s", "ok 6.0s", "-", "ok 0.5s", "1/1", "10.9s"],
      ["bootstrap (state)", "-", "-", "-", "-", "ok 60.0s", "-", "-", "-", "-", "-", "60.0s"],
      ["bootstrap (1 plan-only)", "ok 2.0s", "-", "-", "-", "-", "-", "-", "-", "-", "1/2", "4.0s"],
      ["all 2 cases", "ok 2.4s", "ok 1.0s", "-", "-", "ok 60.0s", "FAIL 3.0s", "ok 6.0s", "-", "ok 0.5s", "2/3", "74.9s"],
    ]);
    expect(renderLeftOut([{ name: "bootstrap", description: "", ok: true, steps: [], leftOut: [{ address: "peering: aws_x.y", because: "z" }], droppedArguments: [] }])).toEqual(["  bootstrap: peering: aws_x.y (z)"]);
    expect(renderDroppedArguments([{ name: "state", description: "", ok: true, steps: [], leftOut: [], droppedArguments: [{ address: "state: aws_e.f", attribute: "rule.a", because: "b" }] }])).toEqual(["  state: state: aws_e.f rule.a (b)"]);
  });
});

function lines(table: string[]): string[][] {
  return table.map((line) => line.split("|").slice(1, -1).map((cell) => cell.trim()));
}
