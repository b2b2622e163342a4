import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { synthesizeStacks } from "../../src/app";
import { selectDeployStacks } from "../../src/ci/deploy-selection";
import { runDeploySelection } from "../../src/ci/run-deploy-selection";
import { capture, synthesizedWith } from "../support/commands";
import { configWith, tempDir } from "../support/synth";

const stacks = synthesizeStacks(configWith({ state: { bucket: "privnet-tfstate-test" } }));
const names = (patterns: string) => {
  const selection = selectDeployStacks(stacks, patterns);
  return selection.ok ? selection.stacks.map((entry) => entry.stack) : selection.problem;
};

describe("which stacks a deploy covers", () => {
  it("matches names and globs as cdktf deploy does, once per stack", () => {
    expect(names("peering")).toEqual(["peering"]);
    expect(names("*-peering")).toEqual(["alb-peering"]);
    expect(names("peering alb-peering peer*")).toEqual(["peering", "alb-peering"]);
    expect(names("{peering,privatelink} alb-*")).toEqual(["peering", "privatelink", "alb-peering"]);
  });

  it("refuses a pattern that matches nothing, listing the app's stacks", () => {
    expect(names("peerin")).toBe('stacks: "peerin" matches no stack; this app defines state, peering, endpoint-sharing, privatelink, alb-peering');
    expect(names("  ")).toMatch(/^stacks: give a stack name or glob/);
  });

  it("refuses the stack with local state, which a runner would create again", () => {
    expect(names("*")).toMatch(/^stacks: state keeps its state locally \(it creates the state bucket\), so a runner would create it again/);
  });

  it("refuses stacks without a state bucket", () => {
    const unset = synthesizeStacks(configWith({}));
    const selection = selectDeployStacks(unset, "peering");
    expect(selection.ok ? "" : selection.problem).toBe("stacks: peering cannot be deployed: state.bucket is not set in the configuration (repository variable PRIVNET_CONFIG_FILE)");
  });
});

describe("the deploy workflow's selection (npm run ci:deploy-stacks)", () => {
  function run(outdir: string, patterns: string | undefined, baseOutdir?: string) {
    const output = join(tempDir(), "output");
    writeFileSync(output, "");
    const stderr = capture();
    const code = runDeploySelection({ outdir, ...(patterns !== undefined ? { patterns } : {}), ...(baseOutdir ? { baseOutdir } : {}), env: { GITHUB_OUTPUT: output }, stdout: capture().stream, stderr: stderr.stream });
    return { code, outputs: readFileSync(output, "utf8"), stderr: stderr.text() };
  }
  const BUCKET = { state: { bucket: "privnet-tfstate-test" } };
  const before = synthesizedWith(BUCKET);

  it("a manual run deploys what its patterns match", () => {
    expect(run(before, "privatelink").outputs).toBe('matrix={"include":[{"stack":"privatelink","region":"ap-northeast-1"}]}\ncount=1\n');
  });

  it("a manual run with a bad pattern fails with the reason and sets no matrix", () => {
    const result = run(before, "state");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("stacks: state keeps its state locally");
    expect(result.outputs).toBe("");
  });

  it("a push deploys the stacks whose configuration it changed, and nothing when none changed", () => {
    const after = synthesizedWith({ ...BUCKET, endpointSharing: { flowLogs: { enabled: true } } });
    expect(run(after, undefined, before).outputs).toBe('matrix={"include":[{"stack":"endpoint-sharing","region":"ap-northeast-1"}]}\ncount=1\n');
    expect(run(before, undefined, before).outputs).toBe('matrix={"include":[]}\ncount=0\n');
    // A stack that reaches another account is not planned in pull requests, but a merge deploys it.
    const crossAccount = synthesizedWith({ ...BUCKET, albPeering: { foo: { assumeRoleArn: "arn:aws:iam::111122223333:role/privnet-deploy" } } });
    expect(run(crossAccount, undefined, before).outputs).toBe('matrix={"include":[{"stack":"alb-peering","region":"ap-northeast-1"}]}\ncount=1\n');
  });
});
