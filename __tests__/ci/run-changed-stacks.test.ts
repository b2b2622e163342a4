import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { GitHubRequest } from "../../src/ci/github-api";
import { runChangedStacks } from "../../src/ci/run-changed-stacks";
import { planCommentMarker } from "../../src/plan/plan-comment";
import { capture, synthesizedWith } from "../support/commands";
import { tempDir } from "../support/synth";

/** The files GitHub Actions gives a step: outputs, summary, and a pull_request event. */
function workflowFiles() {
  const dir = tempDir();
  const event = join(dir, "event.json");
  writeFileSync(event, JSON.stringify({ pull_request: { number: 12 } }));
  const files = { GITHUB_OUTPUT: join(dir, "output"), GITHUB_STEP_SUMMARY: join(dir, "summary") };
  for (const file of Object.values(files)) writeFileSync(file, "");
  return { env: { ...files, GITHUB_REPOSITORY: "octo/net", GITHUB_EVENT_PATH: event }, outputs: () => readFileSync(files.GITHUB_OUTPUT, "utf8"), summary: () => readFileSync(files.GITHUB_STEP_SUMMARY, "utf8") };
}

const BUCKET = { state: { bucket: "privnet-tfstate-test" } };
const baseOutdir = synthesizedWith(BUCKET);

async function discover(headOutdir: string, base: string, request?: GitHubRequest) {
  const github = workflowFiles();
  const stdout = capture();
  const stderr = capture();
  const code = await runChangedStacks({ headOutdir, baseOutdir: base, env: github.env, stdout: stdout.stream, stderr: stderr.stream, ...(request ? { request } : {}) });
  return { code, stdout: stdout.text(), stderr: stderr.text(), ...github };
}

describe("the pull-request workflow's stack discovery (npm run ci:changed-stacks)", () => {
  it("sets the plan matrix to the changed stacks, with their regions, and summarizes every stack", async () => {
    const head = synthesizedWith({ ...BUCKET, albPeering: { bar: { cidr: "10.4.0.0/16", subnet: { cidr: "10.4.1.0/24" } } } });
    const { code, outputs, summary } = await discover(head, baseOutdir);
    expect(code).toBe(0);
    expect(outputs()).toBe('matrix={"include":[{"stack":"alb-peering","region":"ap-northeast-1"}]}\ncount=1\n');
    expect(summary()).toContain("| `alb-peering` | plan | its synthesized configuration differs from the base's |");
    expect(summary()).toContain("| `peering` | skip | same configuration as the base");
    expect(summary()).toContain("| `state` | skip | its state is local");
  });

  it("takes the stack list from the app's manifest: a stack the app adds is planned with no workflow edit", async () => {
    const head = synthesizedWith(BUCKET);
    cpSync(join(head, "stacks", "peering"), join(head, "stacks", "peering-copy"), { recursive: true });
    const manifestPath = join(head, "manifest.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { stacks: Record<string, { synthesizedStackPath: string }> };
    manifest.stacks["peering-copy"] = { ...manifest.stacks["peering"]!, synthesizedStackPath: "stacks/peering-copy/cdk.tf.json" };
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const { outputs } = await discover(head, baseOutdir);
    expect(outputs()).toBe('matrix={"include":[{"stack":"peering-copy","region":"ap-northeast-1"}]}\ncount=1\n');
  });

  it("plans every stack with S3 state when the base was not synthesized", async () => {
    const { code, outputs, summary } = await discover(baseOutdir, join(tempDir(), "missing"));
    expect(code).toBe(0);
    expect(JSON.parse(/matrix=(.*)/.exec(outputs())![1]!).include.map((entry: { stack: string }) => entry.stack)).toEqual(["alb-peering", "endpoint-sharing", "peering", "privatelink"]);
    expect(summary()).toContain("the base commit's synth failed or predates the app");
  });

  it("plans a stack again when the pull request already carries its plan comment from the workflow", async () => {
    const request: GitHubRequest = async (method, path) => {
      expect([method, path]).toEqual(["GET", "/repos/octo/net/issues/12/comments?per_page=100&page=1"]);
      return {
        status: 200,
        body: [
          { id: 1, body: `${planCommentMarker("privatelink")}\n### old plan`, user: { login: "github-actions[bot]" } },
          { id: 2, body: `${planCommentMarker("peering")}\nquoted by a person`, user: { login: "someone" } },
        ],
      };
    };
    const { outputs } = await discover(baseOutdir, baseOutdir, request);
    expect(outputs()).toBe('matrix={"include":[{"stack":"privatelink","region":"ap-northeast-1"}]}\ncount=1\n');
  });

  it("skips a changed stack that reaches another account, saying where to plan it", async () => {
    const head = synthesizedWith({ ...BUCKET, albPeering: { foo: { assumeRoleArn: "arn:aws:iam::111122223333:role/privnet-deploy" } } });
    const { code, outputs, summary } = await discover(head, baseOutdir);
    expect(code).toBe(0);
    expect(outputs()).toBe('matrix={"include":[]}\ncount=0\n');
    expect(summary()).toContain(
      "| `alb-peering` | skip | its synthesized configuration differs from the base's, but it reaches other accounts through assumeRoleArn roles, which can write; the plan role assumes none, since pull-request code runs with it: plan it with `npm run plan -- alb-peering` on a workstation |",
    );
  });

  it("fails, naming the key, when stacks to plan have no state bucket", async () => {
    const { code, stderr, outputs } = await discover(synthesizedWith({}), join(tempDir(), "missing"));
    expect(code).toBe(1);
    expect(stderr).toContain("cannot plan alb-peering, endpoint-sharing, peering, privatelink: state.bucket is not set");
    expect(outputs()).toBe("");
  });

  it("warns about a stack the pull request deletes, whose resources deleting code does not destroy", async () => {
    const head = synthesizedWith(BUCKET);
    const manifestPath = join(head, "manifest.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { stacks: Record<string, unknown> };
    delete manifest.stacks["privatelink"];
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const { stdout, summary } = await discover(head, baseOutdir);
    expect(stdout).toContain("::warning title=Stack removed::privatelink is no longer defined by the app");
    expect(summary()).toContain("run `npx cdktf destroy privatelink` from the base branch before merging");
  });
});
