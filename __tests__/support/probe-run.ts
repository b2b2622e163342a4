import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runProbe } from "../../src/cli/probe";
import type { ToolRunner } from "../../src/operations/probe/tool-runner";
import type { TerraformResult, TerraformRunner } from "../../src/plan/terraform-cli";
import { capture } from "./commands";
import type { DeployedCase } from "./deployed";
import { lockFile } from "./provider-lock";
import { tempDir } from "./synth";

const PINNED = "1.16.3";
const BUCKET = "privnet-tfstate-test";
/** Marks the sessions' output; fixed so that a test's scripts are the same every run. */
export const NONCE = "0123456789abcdef";

export const terraformOk = (stdout = ""): TerraformResult => ({ status: 0, stdout, stderr: "" });

/** Terraform answering by subcommand (no state unless told), refusing any other. Records every call. */
export function scriptedTerraform(answers: Partial<Record<"version" | "init" | "state", TerraformResult>> = {}) {
  const calls: string[] = [];
  const run: TerraformRunner = (args) => {
    calls.push(args.join(" "));
    const key = args[0] as "version" | "init" | "state";
    const answer = answers[key] ?? { version: terraformOk(JSON.stringify({ terraform_version: PINNED })), init: terraformOk("Terraform has been successfully initialized!"), state: terraformOk("") }[key];
    if (answer === undefined) throw new Error(`the probe ran terraform ${args.join(" ")}, which the test does not script`);
    return answer;
  };
  return { run, calls };
}

export interface ProbeProject {
  readonly outdir: string;
  readonly home: string;
  readonly env: NodeJS.ProcessEnv;
}

/** A project folder with a fixture case's configuration and the state bucket set; a home with AWS files or none. */
export function probeProject(name: DeployedCase | undefined, home: "aws files" | "none" = "aws files"): ProbeProject {
  const dir = tempDir();
  const config = name === undefined ? {} : (JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "deployed", name, "synth.config.json"), "utf8")) as Record<string, unknown>);
  writeFileSync(join(dir, "privnet.json"), JSON.stringify({ ...config, state: { bucket: BUCKET } }));
  const homeDir = join(dir, "home");
  mkdirSync(join(homeDir, ".aws"), { recursive: true });
  if (home === "aws files") writeFileSync(join(homeDir, ".aws", "config"), "[default]\nregion = ap-northeast-1\n");
  return { outdir: join(dir, "cdktf.out"), home: homeDir, env: { PRIVNET_CONFIG: join(dir, "privnet.json") } };
}

export interface ProbeRun {
  readonly stack: string;
  readonly terraform: TerraformRunner;
  readonly tools: ToolRunner;
  readonly format?: "text" | "markdown" | "json";
  readonly setup?: ProbeProject;
}

/** `npm run probe -- <stack>` in a project of its own, Terraform and the AWS CLI as given; what it printed and its exit code. */
export async function probeIn(run: ProbeRun) {
  const stdout = capture();
  const stderr = capture();
  const setup = run.setup ?? probeProject(undefined);
  const code = await runProbe({
    stack: run.stack,
    format: run.format ?? "text",
    outdir: setup.outdir,
    env: setup.env,
    home: setup.home,
    providerLock: lockFile(),
    terraform: run.terraform,
    tools: run.tools,
    // Every scripted or emulated session ends at its first poll; nothing waits on this clock.
    clock: { now: () => 0, wait: async () => {} },
    nonce: NONCE,
    pinnedTerraform: PINNED,
    stdout: stdout.stream,
    stderr: stderr.stream,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
