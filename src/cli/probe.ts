import { randomBytes } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import { defaultOutdir, type SynthesizeOptions } from "../app";
import { initStackFolder, pullState } from "../operations/deployed-state";
import { callerIdentity } from "../operations/probe/caller-identity";
import { executeProbe } from "../operations/probe/execute-probe";
import { instanceConnectToolsProblem } from "../operations/probe/instance-connect";
import { planProbe } from "../operations/probe/probe-plan";
import { probeExitCode } from "../operations/probe/probe-report";
import { renderProbeMarkdown, renderProbeText } from "../operations/probe/render-probe";
import type { Clock } from "../operations/probe/run-command";
import { stackRegionOf } from "../operations/probe/stack-region";
import { toolsOnPath, type ToolRunner } from "../operations/probe/tool-runner";
import { waysIn } from "../operations/probe/ways-in";
import { diagnoseTerraformFailure } from "../plan/diagnose";
import type { TerraformRunner } from "../plan/terraform-cli";
import { buildNetworkModel } from "../reachability/build-model";
import { DECLARED_FLOWS_FILE, type StackFlows } from "../reachability/flows";
import { stateAsConfig } from "../reachability/state-as-config";
import type { NetworkModel } from "../reachability/model";
import { readDeclaredFlows } from "../review/synth-output";
import type { TerraformJson } from "../terraform-json/read";
import { isPlainObject } from "../config/json-object";
import type { Writer } from "../writer";
import { EXIT } from "./subcommand";
import { prepareStackFolder } from "./stack-folder";

export interface RunProbeOptions extends SynthesizeOptions {
  readonly stack: string;
  readonly format: "text" | "markdown" | "json";
  /** Where synth writes and Terraform reads the state. Default `CDKTF_OUTDIR` or `cdktf.out`, in the project folder. */
  readonly outdir?: string;
  readonly terraform?: TerraformRunner;
  /** The AWS CLI, ssh and ssh-keygen; tests script them. */
  readonly tools?: ToolRunner;
  readonly clock?: Clock;
  /** Marks each session's output; random unless a test fixes it. */
  readonly nonce?: string;
  /** Release in `.terraform-version`. */
  readonly pinnedTerraform?: string;
  /** Home folder searched for `~/.aws`. */
  readonly home?: string;
  readonly stdout?: Writer;
  readonly stderr?: Writer;
}

const realClock: Clock = { now: () => Date.now(), wait: (ms) => new Promise((done) => setTimeout(done, ms)) };

/** Terraform's failure in one line: its advice when it is recognised, else its first error. */
function terraformProblem(output: string, bucket: string | undefined): string {
  const advice = diagnoseTerraformFailure(output, bucket);
  if (advice !== undefined) return advice;
  const lines = output.split("\n").map((line) => line.trim()).filter((line) => line !== "");
  return lines.find((line) => line.startsWith("Error:")) ?? lines[0] ?? "no output";
}

/**
 * `npm run probe -- <stack>`: after a real deploy, runs each article's checks from the
 * stack's instances and compares what they saw with what the verifier expects of the
 * deployed state, flow by flow. It reads the state (`terraform state pull`, no lock) and
 * writes nothing to it or to the stack. Exit 0 when every probed row is as expected, 3
 * when one differs, 2 when it cannot run (or a probe could not), 1 when synth fails.
 */
export async function runProbe(options: RunProbeOptions): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const env = options.env ?? process.env;
  const say = (problem: string) => {
    stderr.write(`probe: ${problem}\n`);
    return EXIT.cannotRun;
  };
  const outdir = resolve(options.outdir ?? defaultOutdir());
  const folder = prepareStackFolder({ ...options, outdir, env, stderr, needer: "probe", checksCredentials: true });
  if (typeof folder === "number") return folder;
  const name = folder.stack.name;
  let flows: StackFlows | undefined;
  try {
    // The same reader as drift's and the review's.
    flows = readDeclaredFlows(dirname(folder.stack.path));
  } catch (error) {
    return say((error as Error).message);
  }
  if (flows === undefined) return say(`synth wrote no ${DECLARED_FLOWS_FILE} beside ${name}'s cdk.tf.json`);
  if (!isPlainObject(flows)) return say(`${join(dirname(folder.stack.path), DECLARED_FLOWS_FILE)} is not an object of declared flows`);
  if (flows.noNetwork !== undefined) return say(`${name} has no network to probe: ${flows.noNetwork}`);
  const region = stackRegionOf(folder.stack.json);
  if (region === undefined) return say(`${name}'s cdk.tf.json names no region for its AWS provider`);
  const tools = options.tools ?? toolsOnPath(env);
  const caller = callerIdentity(tools, region);
  if (!caller.ok) return say(caller.problem);
  const init = initStackFolder(folder.dir, folder.terraform, folder.locked);
  if (!init.ok) return say(`${init.step} failed in ${folder.dir}: ${terraformProblem(init.output, folder.backend?.bucket)}`);
  const pulled = pullState(folder.dir, folder.terraform);
  if (!pulled.ok) return say(`${pulled.step} failed: ${terraformProblem(pulled.output, folder.backend?.bucket)}`);
  if (pulled.state === undefined) {
    const where = folder.backend ? `s3://${folder.backend.bucket}/${folder.backend.key ?? ""}` : "its backend";
    return say(`${name} is not deployed: the state in ${where} holds no resources (never deployed, or destroyed); deploy it first with npm run deploy -- ${name}`);
  }
  let json: TerraformJson;
  let model: NetworkModel;
  let ways: ReturnType<typeof waysIn>;
  let plan: ReturnType<typeof planProbe>;
  try {
    json = stateAsConfig(pulled.state.resources, { stackName: name, synthesized: folder.stack.json });
    model = buildNetworkModel(json, name);
    ways = waysIn({ model, json, region, callerAccount: caller.account });
    plan = planProbe(name, model, json, flows, ways);
  } catch (error) {
    // A state or a declared flow the model cannot read: one line, not a trace.
    return say(`${name}'s deployed state could not be read as a network: ${(error as Error).message.split("\n")[0]}`);
  }
  if ([...ways.values()].some((way) => way.kind === "instance-connect")) {
    const missing = instanceConnectToolsProblem(tools);
    if (missing !== undefined) return say(`${name}'s instances are entered through an Instance Connect endpoint, and ${missing}`);
  }
  const report = await executeProbe(plan, { run: tools, clock: options.clock ?? realClock, nonce: options.nonce ?? randomBytes(8).toString("hex"), region, account: caller.account, model });
  stdout.write(options.format === "json" ? `${JSON.stringify(report, null, 2)}\n` : options.format === "markdown" ? renderProbeMarkdown(report) : renderProbeText(report));
  const code = probeExitCode(report.summary);
  if (report.summary.match + report.summary.differs === 0) stderr.write(`probe: no flow of ${name} could be probed (the table says why for each); nothing is known to work\n`);
  return code;
}
