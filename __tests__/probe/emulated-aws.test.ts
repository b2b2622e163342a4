import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Emulator } from "../../src/deploy-test/emulator";
import { PROBE_EMULATOR_GAPS } from "../../src/deploy-test/deviations";
import { findMoto } from "../../src/deploy-test/toolchain";
import { awsJson } from "../../src/operations/probe/aws-cli";
import { callerIdentity } from "../../src/operations/probe/caller-identity";
import { instanceConnectSession } from "../../src/operations/probe/instance-connect";
import { DELIVERY_TIMEOUT_SECONDS, runCommandSessions, type RunCommandSession } from "../../src/operations/probe/run-command";
import { toolsOnPath, type ToolRunner } from "../../src/operations/probe/tool-runner";
import type { ProbeReport } from "../../src/operations/probe/probe-report";
import { deployedFixture } from "../support/deployed";
import { probeIn, probeProject, scriptedTerraform, terraformOk } from "../support/probe-run";
import { tempDir } from "../support/synth";

const REGION = "ap-northeast-1";
const moto = findMoto(process.env);
const awsCli = toolsOnPath()("aws", ["--version"]);
const skip = !moto.ok ? moto.reason : awsCli.startError ? "the AWS CLI (aws) is not on PATH; install it (https://docs.aws.amazon.com/cli/)" : undefined;

/**
 * The AWS CLI pointed at the emulator with its fake credentials, and nothing of this
 * machine's own AWS setup (variables, profiles, instance role), so that no call can
 * reach a real account.
 */
function emulatedAws(endpoint: string, caBundle: string): ToolRunner {
  const dir = tempDir();
  const empty = join(dir, "empty-aws-config");
  writeFileSync(empty, "");
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("AWS_")));
  return toolsOnPath({
    ...clean,
    AWS_ENDPOINT_URL: endpoint,
    // The emulator's certificate comes from an authority made for it, trusted here only.
    AWS_CA_BUNDLE: caBundle,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_CONFIG_FILE: empty,
    AWS_SHARED_CREDENTIALS_FILE: empty,
    AWS_EC2_METADATA_DISABLED: "true",
  });
}

// The emulator answers at once; no test waits on this clock.
const clock = { now: () => 0, wait: async () => {} };

describe.skipIf(skip !== undefined)(`the probe's AWS calls, through the real AWS CLI, against the emulator${skip ? ` (skipped: ${skip})` : ""}`, () => {
  let emulator: Emulator;
  let aws: ToolRunner;
  beforeAll(async () => {
    const dir = tempDir();
    emulator = await Emulator.start(moto.ok ? moto.value.python : "", join(dir, "moto.log"), join(dir, "tls"));
    aws = emulatedAws(emulator.endpoint, emulator.caFile);
  });
  // Also when a test failed: the server started here is stopped by its own PID.
  afterAll(() => emulator?.stop());

  it("asks who the credentials are (sts get-caller-identity) and reads the account from the CLI's JSON", () => {
    expect(callerIdentity(aws, REGION)).toEqual({ ok: true, account: "123456789012", arn: expect.stringMatching(/^arn:aws:sts::123456789012:/) });
  });

  it("sends the probe script with AWS-RunShellScript as the CLI accepts it, and reads the invocation back to its end", async () => {
    const script = "printf 'privnet-probe-0123456789abcdef-host %s\\n' \"$(hostname)\"\nping -c 4 -W 2 '172.18.1.4'\nexit 0\n";
    const session: RunCommandSession = { instanceId: "i-0123456789abcdef0", region: REGION, script, executionSeconds: 75, comment: "privnet probe endpoint-sharing: endpoint-sharing-user-vpc-ec2" };
    const [result] = await runCommandSessions(aws, [session], clock);
    // run-command-runs-nothing: moto ends every invocation at once in Success and prints nothing.
    expect(result).toEqual({ ran: true, stdout: "" });
    const listed = awsJson(aws, ["ssm", "list-commands", "--region", REGION, "--instance-id", session.instanceId]);
    if (!listed.ok) throw new Error(listed.message);
    const [command] = listed.json["Commands"] as Record<string, unknown>[];
    expect(command).toMatchObject({
      DocumentName: "AWS-RunShellScript",
      InstanceIds: [session.instanceId],
      Comment: session.comment,
      TimeoutSeconds: DELIVERY_TIMEOUT_SECONDS,
      Parameters: { commands: [script], executionTimeout: ["75"] },
    });
  });

  it("reads AWS's error code from what the CLI prints when a call is refused", () => {
    const sent = awsJson(aws, ["ssm", "send-command", "--region", REGION, "--instance-ids", "i-0123456789abcdef0", "--document-name", "AWS-RunShellScript", "--parameters", JSON.stringify({ commands: ["true"] })]);
    if (!sent.ok) throw new Error(sent.message);
    const commandId = (sent.json["Command"] as { CommandId: string }).CommandId;
    const other = awsJson(aws, ["ssm", "get-command-invocation", "--region", REGION, "--command-id", commandId, "--instance-id", "i-0fedcba9876543210"]);
    expect(other).toMatchObject({ ok: false, code: "InvocationDoesNotExist", message: expect.stringMatching(/^InvocationDoesNotExist: /) });
  });

  it("runs a whole probe of endpoint-sharing through Run Command, and calls moto's empty Success what it is: nothing ran, exit 2, no match", async () => {
    const terraform = scriptedTerraform({ state: terraformOk(deployedFixture("endpoint-sharing").stateText) });
    const run = await probeIn({ stack: "endpoint-sharing", terraform: terraform.run, tools: aws, format: "json", setup: probeProject("endpoint-sharing") });
    expect(run.stderr).toBe("probe: no flow of endpoint-sharing could be probed (the table says why for each); nothing is known to work\n");
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as ProbeReport;
    expect(report.account).toBe("123456789012");
    expect(report.rows.filter((row) => row.check === "way in").map((row) => [row.flow, row.observed, row.evidence, row.result])).toEqual([
      ["Run Command -> endpoint-sharing-shared-vpc-ec2", "error", "Run Command ended without the probe script's output", "could not run"],
      ["Run Command -> endpoint-sharing-user-vpc-ec2", "error", "Run Command ended without the probe script's output", "could not run"],
    ]);
    expect(report.summary).toEqual({ match: 0, differs: 0, notProbed: 4, noExpectation: 0, couldNotRun: 16 });
    const sent = awsJson(aws, ["ssm", "list-commands", "--region", REGION, "--instance-id", "i-57a82f49a85b5cd69"]);
    if (!sent.ok) throw new Error(sent.message);
    expect(sent.json["Commands"]).toEqual([expect.objectContaining({ Comment: "privnet probe endpoint-sharing: endpoint-sharing-user-vpc-ec2", DocumentName: "AWS-RunShellScript" })]);
  });

  it("pushes the session's own key with the real ssh-keygen and CLI (send-ssh-public-key, file://); the SSH through open-tunnel is scripted", () => {
    const real = aws;
    const calls: string[] = [];
    const tools: ToolRunner = (program, args, call) => {
      calls.push(`${program} ${args.slice(0, 2).join(" ")}`);
      // instance-connect-open-tunnel: moto serves no tunnel, so ssh gets the script's answer from here.
      if (program === "ssh") return { status: 0, stdout: `session ran: ${call?.input?.length ?? 0} bytes\n`, stderr: "" };
      return real(program, args, call);
    };
    const result = instanceConnectSession(tools, { instanceId: "i-0123456789abcdef0", endpointId: "eice-0123456789abcdef0", region: REGION, script: "exit 0\n", timeoutSeconds: 60 });
    expect(result).toEqual({ ran: true, stdout: "session ran: 7 bytes\n" });
    expect(calls).toEqual(["ssh-keygen -q -t", "aws ec2-instance-connect send-ssh-public-key", "ssh -F /dev/null"]);
  });
});

describe("what the emulator cannot prove of the probe", () => {
  const doc = readFileSync(join(__dirname, "..", "..", "docs", "operating.md"), "utf8");
  const section = doc.slice(doc.indexOf("### What the emulator cannot prove"));

  it.each(PROBE_EMULATOR_GAPS.map((gap) => [gap.id, gap] as const))("lists %s in docs/operating.md, with the API it concerns", (id, gap) => {
    const row = section.split("\n").find((line) => line.startsWith(`| \`${id}\` |`));
    expect(row, `no row for \`${id}\` under "What the emulator cannot prove"`).toBeDefined();
    expect(row).toContain(gap.api);
  });
});
