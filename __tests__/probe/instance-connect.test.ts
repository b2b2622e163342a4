import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { instanceConnectSession, instanceConnectToolsProblem, sshArguments, sshFailure, type InstanceConnectSession } from "../../src/operations/probe/instance-connect";
import { toolsOnPath, type ToolResult, type ToolRunner } from "../../src/operations/probe/tool-runner";

const session: InstanceConnectSession = { instanceId: "i-5788fc52187e317ec", endpointId: "eice-7bc3a80f66c45829d", region: "ap-northeast-1", script: "echo hi\n", timeoutSeconds: 60 };
const ok = (stdout = ""): ToolResult => ({ status: 0, stdout, stderr: "" });
const missing: ToolResult = { status: null, stdout: "", stderr: "", startError: Object.assign(new Error("spawn ssh ENOENT"), { code: "ENOENT" }) };

describe("what the Instance Connect way in needs on this machine", () => {
  const tools = (answers: Record<string, ToolResult>): ToolRunner => (program, args) => answers[`${program} ${args[0]}`] ?? ok();

  it("names the AWS CLI version 1 on PATH: open-tunnel is version 2's", () => {
    const v1 = tools({ "aws --version": { status: 0, stdout: "", stderr: "aws-cli/1.45.11 Python/3.11.7 Linux/6.18.44 botocore/1.43.11\n" } });
    expect(instanceConnectToolsProblem(v1)).toBe("the Instance Connect way in needs the AWS CLI version 2 (aws ec2-instance-connect open-tunnel); the aws on PATH is aws-cli/1.45.11");
  });

  it("names ssh or ssh-keygen when missing, and nothing when all are there", () => {
    const v2 = { "aws --version": ok("aws-cli/2.22.4 Python/3.12.6 Linux/6.1 exe/x86_64.amzn.2023\n") };
    expect(instanceConnectToolsProblem(tools({ ...v2, "ssh -V": missing }))).toBe("the Instance Connect way in needs ssh (the OpenSSH client), which is not on PATH");
    expect(instanceConnectToolsProblem(tools({ ...v2, "ssh-keygen -l": missing }))).toBe("the Instance Connect way in needs ssh-keygen (the OpenSSH client), which is not on PATH");
    expect(instanceConnectToolsProblem(tools(v2))).toBeUndefined();
    expect(instanceConnectToolsProblem(tools({ "aws --version": missing }))).toBe("the Instance Connect way in needs the AWS CLI version 2: aws is not on PATH");
  });

  it("finds this machine's own AWS CLI and says what it lacks, if anything", () => {
    const found = instanceConnectToolsProblem(toolsOnPath());
    const version = toolsOnPath()("aws", ["--version"]);
    if (version.startError) expect(found).toMatch(/aws is not on PATH/);
    else if (/aws-cli\/1\./.test(version.stdout + version.stderr)) expect(found).toMatch(/^the Instance Connect way in needs the AWS CLI version 2 .*aws-cli\/1\./);
  });
});

describe("an SSH session through an Instance Connect endpoint", () => {
  it("runs ssh with its own key and known-hosts file, no user configuration, and open-tunnel as its quoted proxy", () => {
    expect(sshArguments(session, "/tmp/k")).toEqual([
      "-F",
      "/dev/null",
      "-i",
      "/tmp/k/key",
      "-o",
      "IdentitiesOnly=yes",
      "-o",
      "BatchMode=yes",
      "-o",
      "StrictHostKeyChecking=accept-new",
      "-o",
      "UserKnownHostsFile=/tmp/k/known_hosts",
      "-o",
      "GlobalKnownHostsFile=/dev/null",
      "-o",
      "ConnectTimeout=30",
      "-o",
      "LogLevel=ERROR",
      "-o",
      "ProxyCommand=aws ec2-instance-connect open-tunnel --instance-id 'i-5788fc52187e317ec' --instance-connect-endpoint-id 'eice-7bc3a80f66c45829d' --region 'ap-northeast-1'",
      "ec2-user@i-5788fc52187e317ec",
      "bash -s",
    ]);
  });

  /** The real ssh-keygen; aws and ssh scripted. Records each call and whether the public key existed then. */
  function scripted(sshAnswer: ToolResult) {
    const real = toolsOnPath();
    const calls: { program: string; args: readonly string[]; input?: string; keyThere: boolean }[] = [];
    let keyDir = "";
    const run: ToolRunner = (program, args, call) => {
      if (program === "ssh-keygen") {
        keyDir = args[args.length - 1]!.replace(/\/key$/, "");
        return real(program, args, call);
      }
      calls.push({ program, args, ...(call?.input === undefined ? {} : { input: call.input }), keyThere: existsSync(`${keyDir}/key.pub`) });
      if (program === "aws") {
        const file = args.find((arg) => arg.startsWith("file://"))!.slice("file://".length);
        expect(readFileSync(file, "utf8")).toMatch(/^ssh-ed25519 \S+ privnet-probe\n$/);
        return ok("{\"RequestId\": \"r\", \"Success\": true}");
      }
      return sshAnswer;
    };
    return { run, calls, keyDir: () => keyDir };
  }

  it("pushes a key made for the session, runs the script over ssh, and removes the key afterwards", () => {
    const tools = scripted(ok("session output"));
    expect(instanceConnectSession(tools.run, session)).toEqual({ ran: true, stdout: "session output" });
    expect(tools.calls.map((call) => [call.program, call.args.slice(0, 2).join(" "), call.keyThere])).toEqual([
      ["aws", "ec2-instance-connect send-ssh-public-key", true],
      ["ssh", "-F /dev/null", true],
    ]);
    expect(tools.calls[0]!.args).toEqual(expect.arrayContaining(["--instance-id", "i-5788fc52187e317ec", "--instance-os-user", "ec2-user", "--region", "ap-northeast-1"]));
    expect(tools.calls[1]!.input).toBe("echo hi\n");
    expect(existsSync(tools.keyDir())).toBe(false);
  });

  it("removes the key after a failed session too, and says the way in is blocked when no session opened", () => {
    const tools = scripted({ status: 255, stdout: "", stderr: "Connection timed out during banner exchange\nConnection to UNKNOWN port 65535 timed out\n" });
    expect(instanceConnectSession(tools.run, session)).toEqual({ ran: false, wayIn: "blocked", evidence: "no SSH session through eice-7bc3a80f66c45829d: Connection timed out during banner exchange" });
    expect(existsSync(tools.keyDir())).toBe(false);
  });

  it("keeps what ran before the time limit, and calls a limit reached with nothing printed a blocked way in", () => {
    const timedOut = (stdout: string): ToolResult => ({ status: null, stdout, stderr: "", startError: Object.assign(new Error("spawnSync ssh ETIMEDOUT"), { code: "ETIMEDOUT" }) });
    expect(instanceConnectSession(scripted(timedOut("privnet-probe-00000000-host ip-10-0-1-4\n")).run, session)).toMatchObject({ ran: true, note: "the session was stopped after 60 s" });
    expect(instanceConnectSession(scripted(timedOut("")).run, session)).toEqual({ ran: false, wayIn: "blocked", evidence: "no SSH session through eice-7bc3a80f66c45829d within 60 s" });
  });

  it("tells the network's refusal from the probe's own: a denied tunnel or a refused key is not the stack's doing", () => {
    expect(sshFailure("An error occurred (AccessDeniedException) when calling the OpenTunnel operation: not authorized\n", "eice-1")).toMatchObject({ wayIn: "error" });
    expect(sshFailure("ec2-user@i-1: Permission denied (publickey,gssapi-keyex,gssapi-with-mic).\n", "eice-1")).toMatchObject({ wayIn: "error", evidence: expect.stringMatching(/refused the pushed key/) });
    expect(sshFailure("kex_exchange_identification: Connection closed by remote host\n", "eice-1")).toMatchObject({ wayIn: "blocked" });
    expect(sshFailure("", "eice-1")).toEqual({ ran: false, wayIn: "error", evidence: "ssh through eice-1 failed: ssh exited 255 without a message" });
  });
});
