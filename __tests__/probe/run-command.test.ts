import { describe, expect, it } from "vitest";
import { invocationResult, RUN_COMMAND_OUTPUT_CHARACTERS, runCommandSessions, sendCommand, type RunCommandSession } from "../../src/operations/probe/run-command";
import type { ToolResult, ToolRunner } from "../../src/operations/probe/tool-runner";

const session: RunCommandSession = { instanceId: "i-0123456789abcdef0", region: "ap-northeast-1", script: "echo 'it''s'\n", executionSeconds: 75, comment: "privnet probe endpoint-sharing: user-vpc-ec2" };
const ok = (json: unknown): ToolResult => ({ status: 0, stdout: JSON.stringify(json), stderr: "" });
const awsError = (code: string, operation: string, text: string): ToolResult => ({ status: 255, stdout: "", stderr: `\nAn error occurred (${code}) when calling the ${operation} operation: ${text}\n` });

/** An AWS CLI that answers send-command with a command id and get-command-invocation from a list, and records each call. */
function scriptedAws(invocations: ToolResult[], send: ToolResult = ok({ Command: { CommandId: "c-1" } })) {
  const calls: string[][] = [];
  const run: ToolRunner = (program, args) => {
    calls.push([program, ...args]);
    if (args[1] === "send-command") return send;
    return invocations.shift() ?? ok({ Status: "InProgress" });
  };
  return { run, calls };
}

function fakeClock() {
  let now = 0;
  return { clock: { now: () => now, wait: async (ms: number) => void (now += ms) }, elapsed: () => now };
}

describe("Run Command", () => {
  it("sends the script as AWS-RunShellScript's one command, with its execution timeout, to the one instance", () => {
    const aws = scriptedAws([]);
    expect(sendCommand(aws.run, session)).toEqual({ commandId: "c-1" });
    expect(aws.calls[0]).toEqual([
      "aws",
      "ssm",
      "send-command",
      "--region",
      "ap-northeast-1",
      "--instance-ids",
      "i-0123456789abcdef0",
      "--document-name",
      "AWS-RunShellScript",
      "--comment",
      "privnet probe endpoint-sharing: user-vpc-ec2",
      "--timeout-seconds",
      "60",
      "--parameters",
      JSON.stringify({ commands: ["echo 'it''s'\n"], executionTimeout: ["75"] }),
      "--output",
      "json",
    ]);
  });

  it("polls until the invocation ends, through the moment it is not listed yet", async () => {
    const aws = scriptedAws([awsError("InvocationDoesNotExist", "GetCommandInvocation", ""), ok({ Status: "Pending" }), ok({ Status: "InProgress" }), ok({ Status: "Success", StandardOutputContent: "done\n" })]);
    const time = fakeClock();
    expect(await runCommandSessions(aws.run, [session], time.clock)).toEqual([{ ran: true, stdout: "done\n" }]);
    expect(aws.calls.slice(1).every((call) => call.slice(1, 3).join(" ") === "ssm get-command-invocation" && call.includes("c-1") && call.includes("i-0123456789abcdef0"))).toBe(true);
    expect(aws.calls).toHaveLength(5);
    expect(time.elapsed()).toBe(3 * 2000);
  });

  it("gives up once delivery, execution and a margin have passed, saying so", async () => {
    const aws = scriptedAws([]);
    const time = fakeClock();
    const [result] = await runCommandSessions(aws.run, [session], time.clock);
    expect(result).toEqual({ ran: false, wayIn: "error", evidence: "Run Command c-1 had not finished after 165 s" });
    expect(time.elapsed()).toBeGreaterThan(165_000);
  });

  it("maps each final status: Success and Failed ran, Undeliverable and a delivery timeout are no way in, Cancelled is not the probe's", () => {
    expect(invocationResult({ Status: "Success", StandardOutputContent: "x" })).toEqual({ ran: true, stdout: "x" });
    // Cut by Run Command: the rows past the cut say why they have no output.
    const cut = "y".repeat(RUN_COMMAND_OUTPUT_CHARACTERS);
    expect(invocationResult({ Status: "Success", StandardOutputContent: cut })).toEqual({ ran: true, stdout: cut, note: "Run Command keeps only the first 24000 characters of a command's output; this one reached it" });
    expect(invocationResult({ Status: "Failed", ResponseCode: 1, StandardOutputContent: "x", StandardErrorContent: "bash: line 3: oops\nmore" })).toEqual({ ran: true, stdout: "x", note: "Run Command status Failed (response code 1): bash: line 3: oops" });
    expect(invocationResult({ Status: "TimedOut", StatusDetails: "ExecutionTimedOut", StandardOutputContent: "part" })).toEqual({ ran: true, stdout: "part", note: "Run Command status TimedOut (ExecutionTimedOut): the script was stopped" });
    expect(invocationResult({ Status: "TimedOut", StatusDetails: "DeliveryTimedOut" })).toMatchObject({ ran: false, wayIn: "blocked", evidence: expect.stringMatching(/^Run Command status TimedOut \(not delivered within 60 s\): its SSM Agent is not connected/) });
    expect(invocationResult({ Status: "Undeliverable", StatusDetails: "Undeliverable" })).toMatchObject({ ran: false, wayIn: "blocked", evidence: expect.stringMatching(/^Run Command status Undeliverable: .*no path to the ssm and ec2messages endpoints/) });
    expect(invocationResult({ Status: "Cancelled" })).toMatchObject({ ran: false, wayIn: "error" });
    expect(invocationResult({ Status: "InProgress" })).toBeUndefined();
    expect(invocationResult({ Status: "Delayed" })).toBeUndefined();
  });

  it("takes an instance AWS refuses as one whose agent never registered, and any other refusal as the probe's problem", () => {
    expect(sendCommand(scriptedAws([], awsError("InvalidInstanceId", "SendCommand", "Instances [[i-0123456789abcdef0]] not in a valid state")).run, session)).toMatchObject({ ran: false, wayIn: "blocked" });
    expect(sendCommand(scriptedAws([], awsError("AccessDeniedException", "SendCommand", "User: x is not authorized to perform: ssm:SendCommand")).run, session)).toEqual({
      ran: false,
      wayIn: "error",
      evidence: "aws ssm send-command failed: AccessDeniedException: User: x is not authorized to perform: ssm:SendCommand",
    });
  });
});
