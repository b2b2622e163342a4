import { spawnSync } from "node:child_process";
import { shellQuote } from "../../src/operations/probe/shell-quote";
import type { ToolResult, ToolRunner } from "../../src/operations/probe/tool-runner";

/** What one probe command printed on an instance, on each stream, and its exit status. */
export interface Recorded {
  readonly exitCode: number;
  readonly output: string;
  /** What it printed on standard error (curl's and ping's messages), which the session script must fold in. */
  readonly stderr?: string;
}

/** One instance as the probe's tools meet it: its host name and the recorded answer of each command, by its words after the shell read them. */
export interface ScriptedInstance {
  readonly host: string;
  readonly answers: Readonly<Record<string, Recorded>>;
}

/** The programs the probe's commands call; each becomes a shell function that answers from the recording. */
const PROBED_PROGRAMS = ["ping", "curl", "timeout", "dig", "getent"] as const;

/** A status no recorded probe has: a command the recording lacks shows as the probe's own error. */
export const UNSCRIPTED_EXIT = 127;

/**
 * Runs the probe's session script in a real bash, with ping, curl, timeout, dig and
 * getent replaced by functions that print what the recording holds for their exact
 * words: the script's quoting and markers are bash's to read, and a command line the
 * recording does not hold answers `unscripted: <words>`.
 */
export function runOnInstance(instance: ScriptedInstance, script: string): ToolResult {
  const lines = (text: string | undefined) => shellQuote(text === undefined || text === "" ? "" : `${text}\n`);
  const branches = Object.entries(instance.answers).map(([words, answer]) => `    ${shellQuote(words)}) printf '%s' ${lines(answer.output)}; printf '%s' ${lines(answer.stderr)} >&2; return ${answer.exitCode};;`);
  const preamble = [
    "__recorded() {",
    '  case "$*" in',
    ...branches,
    `    *) printf 'unscripted: %s\\n' "$*"; return ${UNSCRIPTED_EXIT};;`,
    "  esac",
    "}",
    ...PROBED_PROGRAMS.map((program) => `${program}() { __recorded ${program} "$@"; }`),
    `hostname() { printf '%s\\n' ${shellQuote(instance.host)}; }`,
    "",
  ].join("\n");
  const result = spawnSync("bash", ["-s"], { input: preamble + script, encoding: "utf8", env: { PATH: process.env["PATH"] ?? "/usr/bin:/bin" } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const ok = (json: unknown): ToolResult => ({ status: 0, stdout: JSON.stringify(json), stderr: "" });

/** The AWS CLI's failure as it prints it. */
export function awsFailure(code: string, operation: string, text: string): ToolResult {
  return { status: 254, stdout: "", stderr: `\nAn error occurred (${code}) when calling the ${operation} operation: ${text}\n` };
}

export interface ScriptedToolsOptions {
  /** The instances by id. */
  readonly instances: Readonly<Record<string, ScriptedInstance>>;
  /** `aws sts get-caller-identity`'s answer; the account 123456789012 by default. */
  readonly callerIdentity?: ToolResult;
  /** Fields of an instance's invocation in place of Success's, e.g. `{ Status: "Undeliverable" }`; what the script printed stays unless replaced. */
  readonly invocation?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly awsVersion?: string;
}

/**
 * The AWS CLI, ssh and ssh-keygen as the probe calls them, answered as AWS and the
 * instances would: Run Command and SSH sessions run their script on the scripted
 * instance. Every call is recorded, so a test can say what the probe asked of AWS.
 */
export function scriptedTools(options: ScriptedToolsOptions) {
  const calls: { readonly program: string; readonly args: readonly string[] }[] = [];
  const commands = new Map<string, { instanceId: string; result: ToolResult }>();
  const instance = (id: string) => {
    const found = options.instances[id];
    if (found === undefined) throw new Error(`the probe entered ${id}, which the test does not script`);
    return found;
  };
  const option = (args: readonly string[], name: string) => args[args.indexOf(name) + 1]!;
  const run: ToolRunner = (program, args, call) => {
    calls.push({ program, args });
    if (program === "ssh-keygen" || (program === "ssh" && args[0] === "-V")) return { status: 0, stdout: "", stderr: "" };
    if (program === "ssh") {
      const target = args.find((arg) => arg.startsWith("ec2-user@"))!.slice("ec2-user@".length);
      return runOnInstance(instance(target), call?.input ?? "");
    }
    if (program !== "aws") throw new Error(`the probe ran ${program}, which the test does not script`);
    const operation = args.slice(0, 2).join(" ");
    switch (operation) {
      case "--version":
        return { status: 0, stdout: `${options.awsVersion ?? "aws-cli/2.22.4 Python/3.12.6 Linux/6.1 exe/x86_64.amzn.2023"}\n`, stderr: "" };
      case "sts get-caller-identity":
        return options.callerIdentity ?? ok({ UserId: "AIDAEXAMPLE", Account: "123456789012", Arn: "arn:aws:iam::123456789012:user/probe" });
      case "ec2-instance-connect send-ssh-public-key":
        instance(option(args, "--instance-id"));
        return ok({ RequestId: "r-1", Success: true });
      case "ssm send-command": {
        const instanceId = option(args, "--instance-ids");
        const script = (JSON.parse(option(args, "--parameters")) as { commands: string[] }).commands.join("\n");
        const commandId = `c-${commands.size + 1}`;
        commands.set(commandId, { instanceId, result: runOnInstance(instance(instanceId), script) });
        return ok({ Command: { CommandId: commandId, InstanceIds: [instanceId], Status: "Pending" } });
      }
      case "ssm get-command-invocation": {
        const sent = commands.get(option(args, "--command-id"));
        if (sent === undefined || sent.instanceId !== option(args, "--instance-id")) return awsFailure("InvocationDoesNotExist", "GetCommandInvocation", "");
        const answer = { Status: "Success", StatusDetails: "Success", ResponseCode: sent.result.status, StandardOutputContent: sent.result.stdout, StandardErrorContent: sent.result.stderr };
        return ok({ ...answer, ...options.invocation?.[sent.instanceId] });
      }
      default:
        throw new Error(`the probe called aws ${operation}, which the test does not script`);
    }
  };
  /** Each AWS CLI operation the probe called, once, in the order first called. */
  const awsOperations = () => [...new Set(calls.filter((call) => call.program === "aws").map((call) => call.args.slice(0, 2).join(" ")))];
  return { run, calls, awsOperations };
}
