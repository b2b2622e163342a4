import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { awsCliVersion, awsJson } from "./aws-cli";
import type { SessionResult } from "./session-result";
import { shellQuote } from "./shell-quote";
import type { ToolRunner } from "./tool-runner";

/** One instance to run a probe script on over SSH through an Instance Connect endpoint. */
export interface InstanceConnectSession {
  readonly instanceId: string;
  readonly endpointId: string;
  readonly region: string;
  readonly script: string;
  /** Seconds the whole session may take, connection included. */
  readonly timeoutSeconds: number;
}

/** The user the Amazon Linux AMI's Instance Connect package accepts pushed keys for. */
export const OS_USER = "ec2-user";
/** Seconds ssh waits for the tunnel and the server's greeting. */
export const SSH_CONNECT_SECONDS = 30;

/**
 * What the Instance Connect way in needs on this machine, or one line naming what is
 * missing: `open-tunnel` exists only in version 2 of the AWS CLI, and ssh and
 * ssh-keygen come with the OpenSSH client.
 */
export function instanceConnectToolsProblem(run: ToolRunner): string | undefined {
  const version = awsCliVersion(run);
  if ("problem" in version) return `the Instance Connect way in needs the AWS CLI version 2: ${version.problem}`;
  if (version.major < 2) return `the Instance Connect way in needs the AWS CLI version 2 (aws ec2-instance-connect open-tunnel); the aws on PATH is ${version.line}`;
  for (const [program, args] of [
    ["ssh", ["-V"]],
    ["ssh-keygen", ["-l", "-f", "/dev/null"]],
  ] as const) {
    if (run(program, args).startError?.code === "ENOENT") return `the Instance Connect way in needs ${program} (the OpenSSH client), which is not on PATH`;
  }
  return undefined;
}

/** The ssh command line: the probe's own key and known-hosts file, no user configuration, the tunnel as its proxy. */
export function sshArguments(session: InstanceConnectSession, keyDir: string): string[] {
  // ssh runs the proxy command through the shell: every value in it is quoted.
  const tunnel = ["aws", "ec2-instance-connect", "open-tunnel", "--instance-id", session.instanceId, "--instance-connect-endpoint-id", session.endpointId, "--region", session.region]
    .map((word, index) => (index < 3 ? word : word.startsWith("--") ? word : shellQuote(word)))
    .join(" ");
  return [
    "-F",
    "/dev/null",
    "-i",
    join(keyDir, "key"),
    "-o",
    "IdentitiesOnly=yes",
    "-o",
    "BatchMode=yes",
    // The tunnel ends at the instance AWS names by its id; its host key is new to this machine every time.
    "-o",
    "StrictHostKeyChecking=accept-new",
    "-o",
    `UserKnownHostsFile=${join(keyDir, "known_hosts")}`,
    "-o",
    "GlobalKnownHostsFile=/dev/null",
    "-o",
    `ConnectTimeout=${SSH_CONNECT_SECONDS}`,
    "-o",
    "LogLevel=ERROR",
    "-o",
    `ProxyCommand=${tunnel}`,
    `${OS_USER}@${session.instanceId}`,
    "bash -s",
  ];
}

function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .map((line) => line.trim())
      .find((line) => line !== "") ?? ""
  );
}

/** What ssh's failure means for the way in: the network refused it, or the probe could not try. */
export function sshFailure(stderr: string, endpointId: string): SessionResult {
  const line = firstLine(stderr) || "ssh exited 255 without a message";
  if (/AccessDenied|not authorized|UnauthorizedOperation|ExpiredToken|Unable to locate credentials/i.test(stderr)) {
    return { ran: false, wayIn: "error", evidence: `open-tunnel through ${endpointId} was refused: ${line}` };
  }
  if (/Permission denied \(publickey/.test(stderr)) {
    return { ran: false, wayIn: "error", evidence: `the instance refused the pushed key (it is valid 60 s, for ${OS_USER} only): ${line}` };
  }
  if (/timed out|Connection closed|Connection reset|kex_exchange_identification|banner exchange|websocket|Connection refused/i.test(stderr)) {
    return { ran: false, wayIn: "blocked", evidence: `no SSH session through ${endpointId}: ${line}` };
  }
  return { ran: false, wayIn: "error", evidence: `ssh through ${endpointId} failed: ${line}` };
}

/**
 * Runs a script over SSH through an Instance Connect endpoint, as the stacks'
 * connect-command does by hand: a key made for this session only, pushed to the
 * instance for its 60 seconds, then ssh through `open-tunnel`. The key's folder is
 * removed afterwards, whatever happens.
 */
export function instanceConnectSession(run: ToolRunner, session: InstanceConnectSession): SessionResult {
  const keyDir = mkdtempSync(join(tmpdir(), "privnet-probe-key-"));
  try {
    const made = run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "privnet-probe", "-f", join(keyDir, "key")]);
    if (made.status !== 0) return { ran: false, wayIn: "error", evidence: `ssh-keygen failed: ${firstLine(made.stderr) || made.startError?.message || `exit ${String(made.status)}`}` };
    const pushed = awsJson(run, [
      "ec2-instance-connect",
      "send-ssh-public-key",
      "--region",
      session.region,
      "--instance-id",
      session.instanceId,
      "--instance-os-user",
      OS_USER,
      "--ssh-public-key",
      `file://${join(keyDir, "key.pub")}`,
    ]);
    if (!pushed.ok) return { ran: false, wayIn: "error", evidence: `aws ec2-instance-connect send-ssh-public-key failed: ${pushed.message}` };
    const result = run("ssh", sshArguments(session, keyDir), { input: session.script, timeoutMs: session.timeoutSeconds * 1000 });
    if (result.startError?.code === "ETIMEDOUT") {
      return result.stdout.includes("privnet-probe-")
        ? { ran: true, stdout: result.stdout, note: `the session was stopped after ${session.timeoutSeconds} s` }
        : { ran: false, wayIn: "blocked", evidence: `no SSH session through ${session.endpointId} within ${session.timeoutSeconds} s` };
    }
    if (result.startError) return { ran: false, wayIn: "error", evidence: `ssh could not be run: ${result.startError.message}` };
    // 255 is ssh's own failure; any other status is the script's, which ends with exit 0.
    if (result.status === 255) return sshFailure(result.stderr, session.endpointId);
    return { ran: true, stdout: result.stdout };
  } finally {
    rmSync(keyDir, { recursive: true, force: true });
  }
}
