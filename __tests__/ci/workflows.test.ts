import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser";
import { parseAction } from "@actions/workflow-parser/actions/action-parser";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DEPLOY_ENVIRONMENT, DRIFT_ENVIRONMENT, workflowSubjects } from "../../src/ci/aws-policies";
import { stackMatrix } from "../../src/ci/stack-changes";
import { STACK_NAMES } from "../../src/topologies/registry";

const ROOT = join(__dirname, "..", "..");
const WORKFLOWS = join(ROOT, ".github", "workflows");
const ACTIONS = join(ROOT, ".github", "actions");

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; if?: string; "working-directory"?: string };
type Job = {
  if?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  environment?: string;
  concurrency?: { group: string; "cancel-in-progress"?: boolean; queue?: string };
  strategy?: { matrix?: unknown };
  steps: Step[];
};
type Workflow = { on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, Job> };

const workflowFiles = readdirSync(WORKFLOWS).filter((file) => file.endsWith(".yml"));
const actionFiles = readdirSync(ACTIONS).map((name) => join(ACTIONS, name, "action.yml"));
const workflows = new Map(workflowFiles.map((file) => [file, parse(readFileSync(join(WORKFLOWS, file), "utf8")) as Workflow]));
const workflow = (file: string) => workflows.get(file)!;
const allSteps = (): Step[] => [
  ...[...workflows.values()].flatMap((flow) => Object.values(flow.jobs).flatMap((job) => job.steps)),
  ...actionFiles.flatMap((file) => (parse(readFileSync(file, "utf8")) as { runs: { steps: Step[] } }).runs.steps),
];

/** GitHub's own parser and schema (the one its editor tooling uses): every error it finds, conversion included. */
async function workflowErrors(name: string, content: string): Promise<string[]> {
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  if (parsed.value) {
    await convertWorkflowTemplate(parsed.context, parsed.value);
  }
  return parsed.context.errors.getErrors().map((error) => error.message);
}

describe("workflow files, checked offline against GitHub's workflow schema", () => {
  it("finds the five workflows and the two composite actions", () => {
    expect(workflowFiles.sort()).toEqual(["deploy.yml", "drift.yml", "plan-fork-notice.yml", "plan.yml", "providers-lock.yml"]);
    expect(actionFiles.map((file) => file.split("/").at(-2)).sort()).toEqual(["setup", "terraform"]);
  });

  it.each(workflowFiles)("%s is a valid workflow", async (file) => {
    expect(await workflowErrors(file, readFileSync(join(WORKFLOWS, file), "utf8"))).toEqual([]);
  });

  it.each(actionFiles.map((file) => [file.split("/").at(-2)!, file]))("actions/%s is a valid action", (_name, file) => {
    const parsed = parseAction({ name: file, content: readFileSync(file, "utf8") }, new NoOperationTraceWriter());
    expect(parsed.context.errors.getErrors().map((error) => error.message)).toEqual([]);
  });

  it("catches what a typo would break, so a passing check means something", async () => {
    const plan = readFileSync(join(WORKFLOWS, "plan.yml"), "utf8");
    expect(await workflowErrors("typo.yml", plan.replace("pull-requests: write", "pull-request: write"))).toEqual([expect.stringMatching(/Unexpected value 'pull-request'/)]);
    expect(await workflowErrors("needs.yml", plan.replace("needs: [tests, discover]", "needs: [tests, discovery]"))).not.toEqual([]);
    expect(await workflowErrors("expr.yml", plan.replace("${{ fromJSON(needs.discover.outputs.matrix) }}", "${{ fromJSON(needs.discover.outputs.matrix }}"))).not.toEqual([]);
  });
});

describe("what the workflows promise", () => {
  it("take the stacks from the app: the plan and deploy matrices come from the discovery jobs, and no stack is named in any workflow", () => {
    expect(workflow("plan.yml").jobs["plan"]!.strategy!.matrix).toBe("${{ fromJSON(needs.discover.outputs.matrix) }}");
    expect(workflow("plan.yml").jobs["discover"]!.steps.at(-1)!.run).toBe("npm run --silent ci:changed-stacks -- cdktf.out base/cdktf.out");
    expect(workflow("deploy.yml").jobs["deploy"]!.strategy!.matrix).toBe("${{ fromJSON(needs.select.outputs.matrix) }}");
    expect(workflow("deploy.yml").jobs["select"]!.steps.at(-1)!.run).toBe("npm run --silent ci:deploy-stacks -- cdktf.out base/cdktf.out");
    // Everything that decides what runs: scripts, inputs, environments, conditions, matrices.
    const deciding = JSON.stringify([
      ...allSteps().map((step) => [step.run, step.with, step.env, step.if]),
      ...[...workflows.values()].flatMap((flow) => Object.values(flow.jobs).map((job) => [job.if, job.strategy, job.concurrency, job.environment])),
    ]);
    for (const name of STACK_NAMES) {
      expect(deciding).not.toMatch(new RegExp(`(^|[^\\w-])${name}([^\\w-]|$)`));
    }
  });

  it("grant read-only contents by default, and write only where it is used", () => {
    for (const [file, flow] of workflows) {
      expect([file, flow.permissions]).toEqual([file, file === "plan-fork-notice.yml" ? {} : { contents: "read" }]);
    }
    const writers = [...workflows].flatMap(([file, flow]) =>
      Object.entries(flow.jobs).flatMap(([name, job]) => Object.entries(job.permissions ?? {}).filter(([, level]) => level === "write").map(([scope]) => `${file} ${name} ${scope}`)),
    );
    expect(writers.sort()).toEqual([
      "deploy.yml deploy id-token",
      "drift.yml drift id-token",
      "drift.yml drift issues",
      "plan-fork-notice.yml notice pull-requests",
      "plan.yml no-plans pull-requests",
      "plan.yml plan id-token",
      "plan.yml plan pull-requests",
    ]);
  });

  it("make the provider lock by hand without writing to the repository, and on a pull request require the committed lock to be what the registry serves", () => {
    const flow = workflow("providers-lock.yml");
    const write = flow.jobs["write"]!;
    expect(write.if).toBe("github.event_name == 'workflow_dispatch'");
    expect(write.permissions).toBeUndefined();
    expect(write.steps[0]!.with).toEqual({ "persist-credentials": false });
    expect(write.steps.find((step) => step.uses?.startsWith("actions/upload-artifact@"))!.with).toMatchObject({ name: "provider-lock", path: ".terraform.lock.hcl" });
    expect(write.steps.map((step) => step.run ?? "").join("\n")).not.toMatch(/git (commit|push)/);
    expect(flow.jobs["check"]!.if).toBe("github.event_name == 'pull_request'");
    expect(flow.jobs["check"]!.steps.map((step) => step.run).filter(Boolean)).toEqual(["npm run providers:lock -- --check", "npm run providers:lock -- --verify"]);
    expect((flow.on["pull_request"] as { paths: string[] }).paths).toEqual(expect.arrayContaining(["package-lock.json", ".terraform.lock.hcl", "src/**"]));
  });

  it("use OIDC roles from repository variables, never stored keys", () => {
    const credentials = allSteps().filter((step) => step.uses?.startsWith("aws-actions/configure-aws-credentials@"));
    expect(credentials.map((step) => step.with!["role-to-assume"])).toEqual(["${{ vars.PRIVNET_DEPLOY_ROLE_ARN }}", "${{ vars.PRIVNET_DRIFT_ROLE_ARN }}", "${{ vars.PRIVNET_PLAN_ROLE_ARN }}"]);
    const texts = workflowFiles.map((file) => readFileSync(join(WORKFLOWS, file), "utf8")).join("\n");
    expect(texts).not.toMatch(/secrets\.|aws-access-key-id|aws-secret-access-key/);
  });

  it("pin every action they download by commit, with the release in a comment", () => {
    const texts = [...workflowFiles.map((file) => join(WORKFLOWS, file)), ...actionFiles].map((file) => readFileSync(file, "utf8")).join("\n");
    const uses = [...texts.matchAll(/uses: (\S+)(.*)$/gm)].map((match) => [match[1]!, match[2]!] as const);
    const remote = uses.filter(([target]) => !target.startsWith("./"));
    expect(remote.length).toBeGreaterThan(10);
    for (const [target, comment] of remote) {
      expect(target).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
      expect(comment).toMatch(/^ # v\d+\.\d+\.\d+$/);
    }
    for (const [target] of uses.filter(([local]) => local.startsWith("./"))) {
      expect(existsSync(join(ROOT, target, "action.yml"))).toBe(true);
    }
  });

  it("never splice expressions into shell scripts: values reach run steps through the environment", () => {
    const scripts = allSteps().flatMap((step) => (step.run ? [step.run] : []));
    expect(scripts.length).toBeGreaterThan(10);
    expect(scripts.filter((script) => script.includes("${{"))).toEqual([]);
  });

  it("run Terraform at the release in .terraform-version, without setup-terraform's wrapper, with a provider cache", () => {
    const action = parse(readFileSync(join(ACTIONS, "terraform", "action.yml"), "utf8")) as { runs: { steps: Step[] } };
    const [read, setup, cacheDir, cache] = action.runs.steps;
    expect(read!.run).toContain("< .terraform-version");
    expect(setup!.with).toEqual({ terraform_version: "${{ steps.version.outputs.terraform }}", terraform_wrapper: false });
    expect(cacheDir!.run).toContain("TF_PLUGIN_CACHE_DIR=$HOME/.terraform.d/plugin-cache");
    expect(cache!.with!["path"]).toBe("~/.terraform.d/plugin-cache");
    expect(workflow("plan.yml").jobs["plan"]!.steps.map((step) => step.uses)).toContain("./.github/actions/terraform");
    expect(workflow("deploy.yml").jobs["deploy"]!.steps.map((step) => step.uses)).toContain("./.github/actions/terraform");
  });

  it("plan with the same command a workstation runs, and post its comment even when the plan failed", () => {
    const steps = workflow("plan.yml").jobs["plan"]!.steps;
    expect(steps.find((step) => step.run?.startsWith("npm run plan"))!.run).toBe('npm run plan -- "$STACK"');
    const comment = steps.find((step) => step.run?.includes("ci:comment"))!;
    expect(comment.if).toContain("!cancelled()");
    expect(comment.run).toContain('npm run --silent ci:comment -- "cdktf.out/plans/$STACK.md"');
  });

  it("run the README's checks before any plan", () => {
    const plan = workflow("plan.yml");
    expect(plan.jobs["tests"]!.steps.at(-1)!.run).toBe("bash .ci/run");
    expect(plan.jobs["plan"]!.needs).toEqual(["tests", "discover"]);
  });

  it("deploy every stack into the emulator with the pinned Terraform, the registry's providers and a pinned moto, and not twice", () => {
    const { tests, "deploy-test": deployTest } = workflow("plan.yml").jobs;
    expect(tests!.steps.find((step) => step.run === "bash .ci/run")!.env).toHaveProperty("PRIVNET_DEPLOY_TEST_ELSEWHERE");
    const uses = deployTest!.steps.map((step) => step.uses).filter(Boolean);
    expect(uses).toEqual(expect.arrayContaining(["./.github/actions/setup", "./.github/actions/terraform"]));
    const runs = deployTest!.steps.map((step) => step.run ?? "").join("\n");
    expect(runs).toMatch(/pip" install --quiet "moto\[server\]==\d+\.\d+\.\d+"/);
    expect(runs).toContain("npm run test:deploy -- --require");
    // The workflow deploys every case; .ci/run, on a 2-core machine, the core ones.
    expect(runs).not.toContain("--core");
    expect(runs).not.toContain("PRIVNET_TF_PROVIDER_MIRROR");
    expect(readFileSync(join(ROOT, ".ci", "run"), "utf8")).toMatch(/^npm run test:deploy -- --require( --jobs \d)? --core$/m);
  });

  it("skip plans for forks, with a reason, and comment on fork pull requests without running their code", () => {
    const plan = workflow("plan.yml");
    expect(plan.jobs["discover"]!.if).toContain("github.event.pull_request.head.repo.full_name == github.repository");
    expect(plan.jobs["plans-off"]!.if).toContain("github.event.pull_request.head.repo.full_name != github.repository");
    const notice = workflow("plan-fork-notice.yml");
    expect(Object.keys(notice.on)).toEqual(["pull_request_target"]);
    const job = notice.jobs["notice"]!;
    expect(job.if).toBe("github.event.pull_request.head.repo.full_name != github.repository");
    const checkout = job.steps.find((step) => step.uses?.startsWith("actions/checkout@"))!;
    expect(checkout.with!["ref"]).toBe("${{ github.event.pull_request.base.sha }}");
    expect(job.steps.at(-1)!.run).toBe("npm run --silent ci:comment -- --fork-notice");
  });

  it("replace earlier plan comments when the tests or the discovery fail, with the base's script", () => {
    const job = workflow("plan.yml").jobs["no-plans"]!;
    expect(job.if).toContain("!cancelled() && (needs.tests.result == 'failure' || needs.discover.result == 'failure')");
    expect(job.steps.find((step) => step.uses?.startsWith("actions/checkout@"))!.with!["ref"]).toBe("${{ github.event.pull_request.base.sha }}");
    expect(job.steps.at(-1)!.run).toContain("ci:comment -- --no-plan-all");
  });

  it("refer only to steps, jobs, outputs and matrix keys that exist", () => {
    for (const file of actionFiles) {
      const steps = (parse(readFileSync(file, "utf8")) as { runs: { steps: (Step & { id?: string })[] } }).runs.steps;
      const ids = new Set(steps.map((step) => step.id).filter(Boolean));
      for (const [, id] of JSON.stringify(steps).matchAll(/steps\.([\w-]+)\./g)) {
        expect([file, id, ids.has(id!)]).toEqual([file, id, true]);
      }
    }
    // The keys each matrix entry has, as the discovery and selection commands write them.
    const matrixKeys = Object.keys(stackMatrix([{ stack: "any", region: "any" }]).include[0]!);
    expect(matrixKeys).toEqual(["stack", "region"]);
    for (const [file, flow] of workflows) {
      for (const [name, job] of Object.entries(flow.jobs)) {
        const text = JSON.stringify(job);
        const ids = new Set(job.steps.map((step) => (step as { id?: string }).id).filter(Boolean));
        for (const [, id] of text.matchAll(/steps\.([\w-]+)\./g)) {
          expect([file, name, id, ids.has(id!)]).toEqual([file, name, id, true]);
        }
        const needs = [job.needs ?? []].flat();
        for (const [, other] of text.matchAll(/needs\.([\w-]+)\./g)) {
          expect([file, name, other, needs.includes(other!)]).toEqual([file, name, other, true]);
        }
        for (const [, other, output] of text.matchAll(/needs\.([\w-]+)\.outputs\.([\w-]+)/g)) {
          expect([file, name, other, needs.includes(other!)]).toEqual([file, name, other, true]);
          const declared = (flow.jobs[other!] as { outputs?: Record<string, string> }).outputs ?? {};
          expect([file, name, output, output! in declared]).toEqual([file, name, output, true]);
        }
        for (const [, key] of text.matchAll(/matrix\.([\w-]+)/g)) {
          expect([file, name, key, matrixKeys.includes(key!) && job.strategy !== undefined]).toEqual([file, name, key, true]);
        }
      }
    }
  });

  it("keep the plan job out of any environment: an environment would change the OIDC subject the plan role trusts", () => {
    expect(workflow("plan.yml").jobs["plan"]!.environment).toBeUndefined();
    expect(workflowSubjects({ repository: "o/r" }).plan).toBe("repo:o/r:pull_request");
  });

  it("deploy one stack per job, in the approval environment the deploy role trusts, never two of one stack at once", () => {
    const flow = workflow("deploy.yml");
    expect(Object.keys(flow.on).sort()).toEqual(["push", "workflow_dispatch"]);
    const job = flow.jobs["deploy"]!;
    expect(job.environment).toBe(DEPLOY_ENVIRONMENT);
    expect(job.concurrency).toEqual({ group: "deploy-${{ matrix.stack }}", "cancel-in-progress": false, queue: "max" });
    expect(job.steps.at(-1)!.run).toBe('npx cdktf deploy "$STACK" --auto-approve');
    expect(job.steps.at(-1)!.env).toEqual({ STACK: "${{ matrix.stack }}" });
    expect(flow.jobs["select"]!.if).toBe("github.event_name == 'workflow_dispatch' || vars.PRIVNET_DEPLOY_ON_MERGE == 'true'");
  });

  it("check drift daily and on demand, one stack per job, with the read-only role in its own environment, never while the stack deploys", () => {
    const flow = workflow("drift.yml");
    expect(Object.keys(flow.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(flow.jobs["stacks"]!.steps.at(-1)!.run).toBe("npm run --silent ci:drift-stacks -- cdktf.out");
    const job = flow.jobs["drift"]!;
    expect(job.environment).toBe(DRIFT_ENVIRONMENT);
    expect(workflowSubjects({ repository: "o/r" }).drift).toBe("repo:o/r:environment:drift");
    expect(job.strategy!.matrix).toBe("${{ fromJSON(needs.stacks.outputs.matrix) }}");
    // The deploy workflow's group: a drift check waits for a deploy of its stack, and a deploy for it.
    expect(job.concurrency).toEqual(workflow("deploy.yml").jobs["deploy"]!.concurrency);
    expect(job.permissions).toEqual({ contents: "read", "id-token": "write", issues: "write" });
    const run = job.steps.at(-1)!;
    expect(run.run).toContain('npm run --silent drift -- "$STACK" --markdown --github-issue --if-deployed > drift.md');
    expect(run.run).toMatch(/if \[ "\$code" -eq 3 \]; then[\s\S]*exit 0[\s\S]*exit "\$code"/);
    expect(run.env).toMatchObject({ STACK: "${{ matrix.stack }}", GITHUB_TOKEN: "${{ github.token }}" });
  });

  it("end the drift workflow with a notice, not a red run, in a fork or without the drift role", () => {
    const flow = workflow("drift.yml");
    expect(flow.jobs["drift-off"]!.if).toBe("github.event.repository.fork || vars.PRIVNET_DRIFT_ROLE_ARN == ''");
    expect(flow.jobs["stacks"]!.if).toBe("${{ !github.event.repository.fork && vars.PRIVNET_DRIFT_ROLE_ARN != '' }}");
    expect(flow.jobs["drift-off"]!.steps.at(-1)!.run).toContain('echo "::notice title=No drift check::$reason"');
  });

  it("set up Node.js at the major release package.json's engines names", () => {
    const engines = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { engines: { node: string } }).engines.node;
    const versions = allSteps().filter((step) => step.uses?.startsWith("actions/setup-node@")).map((step) => String(step.with!["node-version"]));
    expect(versions.length).toBeGreaterThan(0);
    for (const version of versions) {
      expect(engines).toBe(`>=${version}.19`);
    }
  });
});
