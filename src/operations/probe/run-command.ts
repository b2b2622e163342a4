import { awsJson } from "./aws-cli";
import type { SessionResult } from "./session-result";
import type { ToolRunner } from "./tool-runner";

/** One instance to run a probe script on through Systems Manager. */
export interface RunCommandSession {
  readonly instanceId: string;
  readonly region: string;
  readonly script: string;
  /** Seconds the script may run on the instance. */
  readonly executionSeconds: number;
  /** What the command's history in Systems Manager shows (100 characters at most). */
  readonly comment: string;
}

export interface Clock {
  readonly now: () => number;
  readonly wait: (ms: number) => Promise<void>;
}

/** Seconds Systems Manager keeps trying to deliver the command before it gives up (its minimum is 30). */
export const DELIVERY_TIMEOUT_SECONDS = 60;
const POLL_MS = 2000;
/** Time the answers take to reach Systems Manager after the script ends. */
const MARGIN_MS = 30_000;

/** Statuses of an invocation that is not over yet. */
const RUNNING = new Set(["Pending", "InProgress", "Delayed"]);

const UNDELIVERABLE =
  "its SSM Agent is not connected to Systems Manager: no path to the ssm and ec2messages endpoints, no instance profile with AmazonSSMManagedInstanceCore, or the instance is stopped";

/** `aws ssm send-command` with the AWS-RunShellScript document: the command id, or the session's end. */
export function sendCommand(run: ToolRunner, session: RunCommandSession): { readonly commandId: string } | SessionResult {
  const parameters = JSON.stringify({ commands: [session.script], executionTimeout: [String(session.executionSeconds)] });
  const answer = awsJson(run, [
    "ssm",
    "send-command",
    "--region",
    session.region,
    "--instance-ids",
    session.instanceId,
    "--document-name",
    "AWS-RunShellScript",
    "--comment",
    session.comment.slice(0, 100),
    "--timeout-seconds",
    String(DELIVERY_TIMEOUT_SECONDS),
    "--parameters",
    parameters,
  ]);
  if (!answer.ok) {
    // AWS refuses an instance no agent ever registered (or one it cannot see).
    if (answer.code === "InvalidInstanceId") return { ran: false, wayIn: "blocked", evidence: `send-command refused ${session.instanceId} (InvalidInstanceId): ${UNDELIVERABLE}` };
    return { ran: false, wayIn: "error", evidence: `aws ssm send-command failed: ${answer.message}` };
  }
  const command = answer.json["Command"] as Record<string, unknown> | undefined;
  const commandId = command?.["CommandId"];
  return typeof commandId === "string" ? { commandId } : { ran: false, wayIn: "error", evidence: "aws ssm send-command answered without a command id" };
}

/** How much of a command's output `aws ssm get-command-invocation` returns. */
export const RUN_COMMAND_OUTPUT_CHARACTERS = 24_000;

/** What a finished invocation says, from its status and details (`aws ssm get-command-invocation`). */
export function invocationResult(invocation: Readonly<Record<string, unknown>>): SessionResult | undefined {
  const status = String(invocation["Status"] ?? "");
  const details = String(invocation["StatusDetails"] ?? "");
  const stdout = String(invocation["StandardOutputContent"] ?? "");
  const stderr = String(invocation["StandardErrorContent"] ?? "").trim().split("\n")[0] ?? "";
  if (RUNNING.has(status)) return undefined;
  switch (status) {
    case "Success":
      // GetCommandInvocation answers at most this much of the output: the rows whose
      // marked lines came later read as not run, and this says why.
      return stdout.length >= RUN_COMMAND_OUTPUT_CHARACTERS ? { ran: true, stdout, note: `Run Command keeps only the first ${RUN_COMMAND_OUTPUT_CHARACTERS} characters of a command's output; this one reached it` } : { ran: true, stdout };
    case "Failed":
      return { ran: true, stdout, note: `Run Command status Failed (response code ${String(invocation["ResponseCode"])})${stderr === "" ? "" : `: ${stderr}`}` };
    case "TimedOut":
      if (details === "DeliveryTimedOut") return { ran: false, wayIn: "blocked", evidence: `Run Command status TimedOut (not delivered within ${DELIVERY_TIMEOUT_SECONDS} s): ${UNDELIVERABLE}` };
      // The script ran until the execution timeout: what it printed so far counts.
      return { ran: true, stdout, note: `Run Command status TimedOut (${details || "ExecutionTimedOut"}): the script was stopped` };
    case "Undeliverable":
      return { ran: false, wayIn: "blocked", evidence: `Run Command status Undeliverable: ${UNDELIVERABLE}` };
    case "Cancelled":
    case "Cancelling":
    case "Terminated":
      return { ran: false, wayIn: "error", evidence: `Run Command status ${status}: stopped before it finished, not by the probe` };
    default:
      return { ran: false, wayIn: "error", evidence: `Run Command status ${status || "(none)"}${details === "" ? "" : ` (${details})`}` };
  }
}

/**
 * Runs each session's script through Run Command: every command is sent first, then
 * every invocation is polled until it ends or its time is up, so that the instances
 * run their probes at once.
 */
export async function runCommandSessions(run: ToolRunner, sessions: readonly RunCommandSession[], clock: Clock): Promise<SessionResult[]> {
  const results: (SessionResult | undefined)[] = [];
  const pending: { index: number; commandId: string; session: RunCommandSession; limitMs: number; deadline: number }[] = [];
  sessions.forEach((session, index) => {
    const sent = sendCommand(run, session);
    if ("commandId" in sent) {
      const limitMs = (DELIVERY_TIMEOUT_SECONDS + session.executionSeconds) * 1000 + MARGIN_MS;
      pending.push({ index, commandId: sent.commandId, session, limitMs, deadline: clock.now() + limitMs });
      results.push(undefined);
    } else {
      results.push(sent);
    }
  });
  while (pending.length > 0) {
    for (const entry of [...pending]) {
      const { session } = entry;
      const answer = awsJson(run, ["ssm", "get-command-invocation", "--region", session.region, "--command-id", entry.commandId, "--instance-id", session.instanceId]);
      let result: SessionResult | undefined;
      if (answer.ok) {
        result = invocationResult(answer.json);
      } else if (answer.code !== "InvocationDoesNotExist") {
        // Right after send-command the invocation may not be listed yet; anything else ends the session.
        result = { ran: false, wayIn: "error", evidence: `aws ssm get-command-invocation failed: ${answer.message}` };
      }
      if (result === undefined && clock.now() > entry.deadline) {
        result = { ran: false, wayIn: "error", evidence: `Run Command ${entry.commandId} had not finished after ${entry.limitMs / 1000} s` };
      }
      if (result !== undefined) {
        results[entry.index] = result;
        pending.splice(pending.indexOf(entry), 1);
      }
    }
    if (pending.length > 0) await clock.wait(POLL_MS);
  }
  return results.map((result) => result!);
}
