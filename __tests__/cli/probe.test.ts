import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli";
import { probeSchema } from "../../src/operations/probe/probe-schema";
import type { ProbeReport } from "../../src/operations/probe/probe-report";
import type { ToolResult } from "../../src/operations/probe/tool-runner";
import { capture } from "../support/commands";
import { deployedFixture, type DeployedCase } from "../support/deployed";
import { validate } from "../support/json-schema";
import { probeIn, probeProject as project, scriptedTerraform, terraformOk as ok, type ProbeProject } from "../support/probe-run";
import { awsFailure, scriptedTools, type Recorded, type ScriptedInstance, type ScriptedToolsOptions } from "../support/scripted-instances";

interface ProbeRun {
  readonly stack: string;
  readonly terraform: ReturnType<typeof scriptedTerraform>;
  readonly tools: ReturnType<typeof scriptedTools>;
  readonly format?: "text" | "markdown" | "json";
  readonly setup?: ProbeProject;
}

const probe = (run: ProbeRun) => probeIn({ ...run, terraform: run.terraform.run, tools: run.tools.run });

/** What a refusal must be: exit 2, one line on stderr naming the problem, no stack trace, nothing on stdout. */
function expectOneLineRefusal(result: { code: number; stdout: string; stderr: string }, line: string | RegExp) {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr.endsWith("\n")).toBe(true);
  expect(result.stderr.slice(0, -1)).not.toContain("\n");
  expect(result.stderr).not.toMatch(/^\s+at /m);
  if (typeof line === "string") expect(result.stderr).toBe(`${line}\n`);
  else expect(result.stderr).toMatch(line);
}

/** Terraform that only reads: its version, init of the stack's folder, the state pulled. Never plan, apply, import, push or a state edit. */
const READ_ONLY_TERRAFORM = /^(version -json|init -input=false -no-color( -lockfile=readonly)?|state pull)$/;
/** What the probe may ask of AWS: who it is, and its sessions on the instances. Nothing that creates, changes or deletes a resource of the stack. */
const PROBE_AWS_OPERATIONS = ["--version", "sts get-caller-identity", "ssm send-command", "ssm get-command-invocation", "ec2-instance-connect send-ssh-public-key"];

const noInstances: ScriptedToolsOptions = { instances: {} };

describe("npm run probe -- <stack>: what it refuses, in one line, changing nothing", () => {
  it("an unknown stack, before synth, Terraform or AWS", async () => {
    const terraform = scriptedTerraform();
    const tools = scriptedTools(noInstances);
    expectOneLineRefusal(await probe({ stack: "no-such-stack", terraform, tools }), 'no stack named "no-such-stack": this app defines state, peering, endpoint-sharing, privatelink, alb-peering');
    expect(terraform.calls).toEqual([]);
    expect(tools.calls).toEqual([]);
  });

  it("the state stack, which has no network to probe", async () => {
    const tools = scriptedTools(noInstances);
    expectOneLineRefusal(await probe({ stack: "state", terraform: scriptedTerraform(), tools }), "probe: state has no network to probe: the state bucket has no VPC; Terraform reaches it through the S3 API over TLS");
    expect(tools.calls).toEqual([]);
  });

  it.each([
    ["no credentials at all", { status: 253, stdout: "", stderr: '\nUnable to locate credentials. You can configure credentials by running "aws configure".\n' }, /^probe: no AWS credentials were found\. On a workstation: `aws sso login/],
    ["expired credentials", awsFailure("ExpiredToken", "GetCallerIdentity", "The security token included in the request is expired"), /^probe: the AWS credentials have expired \(ExpiredToken: The security token included in the request is expired\)\. On a workstation/],
    ["refused credentials", awsFailure("InvalidClientTokenId", "GetCallerIdentity", "The security token included in the request is invalid."), /^probe: the AWS credentials were refused \(InvalidClientTokenId: /],
    ["AWS out of reach", { status: 255, stdout: "", stderr: '\nCould not connect to the endpoint URL: "https://sts.ap-northeast-1.amazonaws.com/"\n' }, /^probe: AWS could not be reached \(Could not connect to the endpoint URL: "https:\/\/sts\.ap-northeast-1\.amazonaws\.com\/"\): check the proxy/],
    ["no AWS CLI", { status: null, stdout: "", stderr: "", startError: Object.assign(new Error("spawnSync aws ENOENT"), { code: "ENOENT" }) }, /^probe: the AWS CLI \(aws\) is not on PATH: probe makes every AWS call through it/],
  ] as [string, ToolResult, RegExp][])("%s, asked of AWS before Terraform touches the backend", async (_, answer, line) => {
    const terraform = scriptedTerraform();
    const tools = scriptedTools({ ...noInstances, callerIdentity: answer });
    // No AWS files in the home folder: the probe's own question to AWS speaks, not a guess from the files.
    expectOneLineRefusal(await probe({ stack: "peering", terraform, tools, setup: project("peering", "none") }), line);
    expect(terraform.calls).toEqual(["version -json"]);
    expect(tools.awsOperations()).toEqual(["sts get-caller-identity"]);
  });

  it("an AWS CLI without open-tunnel where an instance is entered through an Instance Connect endpoint, before any instance is entered", async () => {
    const terraform = scriptedTerraform({ state: ok(deployedFixture("peering").stateText) });
    const tools = scriptedTools({ instances: {}, awsVersion: "aws-cli/1.45.11 Python/3.11.7 Linux/6.18.44 botocore/1.43.11" });
    expectOneLineRefusal(
      await probe({ stack: "peering", terraform, tools, setup: project("peering") }),
      "probe: peering's instances are entered through an Instance Connect endpoint, and the Instance Connect way in needs the AWS CLI version 2 (aws ec2-instance-connect open-tunnel); the aws on PATH is aws-cli/1.45.11",
    );
    expect(tools.awsOperations()).toEqual(["sts get-caller-identity", "--version"]);
  });

  it("a stack never deployed: the backend holds no state for it", async () => {
    const terraform = scriptedTerraform({ state: ok("") });
    const tools = scriptedTools(noInstances);
    expectOneLineRefusal(
      await probe({ stack: "peering", terraform, tools, setup: project("peering") }),
      /^probe: peering is not deployed: the state in s3:\/\/privnet-tfstate-test\/\S+ holds no resources \(never deployed, or destroyed\); deploy it first with npm run deploy -- peering\n$/,
    );
    expect(terraform.calls.every((call) => READ_ONLY_TERRAFORM.test(call))).toBe(true);
    expect(terraform.calls).toContain("state pull");
    expect(tools.awsOperations()).toEqual(["sts get-caller-identity"]);
  });

  it("a stack destroyed: its state has no resources left", async () => {
    const emptied = JSON.stringify({ version: 4, terraform_version: "1.11.4", serial: 9, lineage: "l", outputs: {}, resources: [], check_results: null });
    expectOneLineRefusal(await probe({ stack: "peering", terraform: scriptedTerraform({ state: ok(emptied) }), tools: scriptedTools(noInstances), setup: project("peering") }), /^probe: peering is not deployed: /);
  });

  it.each([
    [
      "the backend out of reach",
      'Error: Failed to get existing workspaces: Unable to list objects in S3 bucket "privnet-tfstate-test" with prefix "peering/": operation error S3: ListObjectsV2, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , HostID: , request send failed, Get "https://privnet-tfstate-test.s3.ap-northeast-1.amazonaws.com/?list-type=2&prefix=peering%2F": dial tcp: lookup privnet-tfstate-test.s3.ap-northeast-1.amazonaws.com: no such host',
      /^probe: terraform init failed in \S+: AWS could not be reached over the network \(DNS or connection failure\): check the proxy, VPN or DNS settings of this machine\.\n$/,
    ],
    [
      "the state bucket missing",
      "Error: Failed to get existing workspaces: Unable to list objects in S3 bucket \"privnet-tfstate-test\" with prefix \"peering/\": operation error S3: ListObjectsV2, https response error StatusCode: 404, RequestID: X, HostID: Y, api error NoSuchBucket: The specified bucket does not exist",
      /^probe: terraform init failed in \S+: The state bucket privnet-tfstate-test does not exist in state\.region: deploy the `state` stack first/,
    ],
    ["an error Terraform alone knows", "\nError: Backend configuration changed\n\nA change in the backend configuration has been detected, which may require migrating existing state.\n", /^probe: terraform init failed in \S+: Error: Backend configuration changed\n$/],
  ])("%s: terraform init's failure, in one line", async (_, output, line) => {
    const terraform = scriptedTerraform({ init: { status: 1, stdout: "", stderr: output } });
    const tools = scriptedTools(noInstances);
    expectOneLineRefusal(await probe({ stack: "peering", terraform, tools, setup: project("peering") }), line);
    expect(terraform.calls).toEqual(["version -json", "init -input=false -no-color -lockfile=readonly"]);
    expect(tools.awsOperations()).toEqual(["sts get-caller-identity"]);
  });

  it("a state the backend refuses to hand over: terraform state pull's failure, in one line", async () => {
    const denied = "Error: error loading state: AccessDenied: Access Denied\n\tstatus code: 403, request id: X, host id: Y";
    const result = await probe({ stack: "peering", terraform: scriptedTerraform({ state: { status: 1, stdout: "", stderr: denied } }), tools: scriptedTools(noInstances), setup: project("peering") });
    expectOneLineRefusal(result, /^probe: terraform state pull failed: AWS refused access: the identity in use needs s3:ListBucket on privnet-tfstate-test and s3:GetObject/);
  });

  it("--markdown and --json together, through the command line's one parser, before anything runs", async () => {
    const stdout = capture();
    const stderr = capture();
    const code = await runCli(["probe", "peering", "--markdown", "--json"], { cwd: process.cwd(), projectDir: process.cwd(), env: {}, stdout: stdout.stream, stderr: stderr.stream });
    expect(code).toBe(2);
    expect(stderr.text()).toBe("probe: --markdown and --json do not go together; run it with --help for its usage\n");
    expect(stdout.text()).toBe("");
  });

  it("no stack, or two, through the same parser", async () => {
    const run = async (argv: string[]) => {
      const stderr = capture();
      const code = await runCli(argv, { cwd: process.cwd(), projectDir: process.cwd(), env: {}, stdout: capture().stream, stderr: stderr.stream });
      return { code, stderr: stderr.text() };
    };
    expect(await run(["probe"])).toEqual({ code: 2, stderr: "probe: it takes <stack> [--markdown | --json]; nothing was given; run it with --help for its usage\n" });
    expect(await run(["probe", "peering", "alb-peering"])).toEqual({ code: 2, stderr: "probe: unexpected argument alb-peering (it takes <stack> [--markdown | --json]); run it with --help for its usage\n" });
  });
});

// What the instances printed, as the Amazon Linux 2023 tools print it.
const pingOk = (ip: string): Recorded => ({
  exitCode: 0,
  output: [
    `PING ${ip} (${ip}) 56(84) bytes of data.`,
    `64 bytes from ${ip}: icmp_seq=1 ttl=127 time=1.02 ms`,
    `64 bytes from ${ip}: icmp_seq=2 ttl=127 time=0.611 ms`,
    `64 bytes from ${ip}: icmp_seq=3 ttl=127 time=0.587 ms`,
    `64 bytes from ${ip}: icmp_seq=4 ttl=127 time=0.603 ms`,
    "",
    `--- ${ip} ping statistics ---`,
    "4 packets transmitted, 4 received, 0% packet loss, time 3004ms",
    "rtt min/avg/max/mdev = 0.587/0.705/1.020/0.181 ms",
  ].join("\n"),
});
const pingLost = (ip: string, received: number): Recorded => ({
  exitCode: received === 0 ? 1 : 0,
  output: [`PING ${ip} (${ip}) 56(84) bytes of data.`, "", `--- ${ip} ping statistics ---`, `4 packets transmitted, ${received} received, ${100 - received * 25}% packet loss, time 3069ms`].join("\n"),
});
const connected: Recorded = { exitCode: 0, output: "" };
const tcpTimedOut: Recorded = { exitCode: 124, output: "" };
const digA = (name: string, address: string): Recorded => ({
  exitCode: 0,
  output: [
    ";; Got answer:",
    ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 40718",
    ";; flags: qr rd ra; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1",
    "",
    ";; OPT PSEUDOSECTION:",
    "; EDNS: version: 0, flags:; udp: 1232",
    ";; ANSWER SECTION:",
    `${name}.\t60\tIN\tA\t${address}`,
  ].join("\n"),
});
const digNxdomain: Recorded = { exitCode: 0, output: [";; Got answer:", ";; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 5158", ";; flags: qr rd ra; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1"].join("\n") };
const http = (status: number, address: string): Recorded => ({ exitCode: 0, output: `${status} ${address}` });
const curlTimedOut: Recorded = { exitCode: 28, output: "000 ", stderr: "curl: (28) Connection timed out after 5002 milliseconds" };
const curlRefused: Recorded = { exitCode: 7, output: "000 ", stderr: "curl: (7) Failed to connect to 10.2.1.4 port 8080 after 1 ms: Couldn't connect to server" };

// The command lines each flow produces, word for word as the instance's shell reads them.
const ping = (ip: string) => `ping -c 4 -W 2 ${ip}`;
const tcp = (host: string, port: number) => `timeout 5 bash -c exec 3<>"/dev/tcp/$0/$1" ${host} ${port}`;
const curl = (host: string, port: number) => `curl -sS -o /dev/null -w %{http_code} %{remote_ip}\\n --connect-timeout 5 --max-time 10 http://${host}:${port}/`;
const dig = (name: string) => `dig +time=2 +tries=2 +noall +comments +answer ${name} A`;

const SSM_NAMES = ["ssm", "ssmmessages", "ec2messages"].map((service) => `${service}.ap-northeast-1.amazonaws.com`);

/** The peering stack's instances as they answered: ec2-1 entered, pinging ec2-2 across the peering, SSH to it dropped. */
function peeringInstances(ping2: Recorded = pingOk("172.18.1.4")): Record<string, ScriptedInstance> {
  return { "i-5788fc52187e317ec": { host: "ip-10-0-1-4.ap-northeast-1.compute.internal", answers: { [ping("172.18.1.4")]: ping2, [tcp("172.18.1.4", 22)]: tcpTimedOut } } };
}

/** Both endpoint-sharing instances: each service's name resolves into the hub and answers on 443; SSH only from the hub to the spoke. */
function endpointSharingInstances(edit: (answers: Record<string, Record<string, Recorded>>) => void = () => {}, ids = { hub: "i-0e7779f71ecd3798d", spoke: "i-57a82f49a85b5cd69" }): Record<string, ScriptedInstance> {
  const services = Object.fromEntries(SSM_NAMES.flatMap((name, index) => [[tcp(name, 443), connected], [dig(name), digA(name, `172.16.1.${10 + index}`)]]));
  const answers = { hub: { ...services, [tcp("192.168.100.4", 22)]: connected }, spoke: { ...services, [tcp("172.16.100.4", 22)]: tcpTimedOut } };
  edit(answers);
  return { [ids.hub]: { host: "ip-172-16-100-4", answers: answers.hub }, [ids.spoke]: { host: "ip-192-168-100-4", answers: answers.spoke } };
}

const PRIVATELINK_ENDPOINTS = {
  dev: { id: "i-6cdb209b1a43da66b", endpoint: "vpce-e15c8bd4822dd5607-e24b6381.com.amazonaws.vpce.ap-northeast-1.vpce-svc-7fc59bc9" },
  stg: { id: "i-a97e836ad4dad9516", endpoint: "vpce-f553725babbc9aaeb-bc1d4440.com.amazonaws.vpce.ap-northeast-1.vpce-svc-7fc59bc9" },
  prod: { id: "i-66a981717927c19b8", endpoint: "vpce-407b0f84c928f0ba7-97e8dbd3.com.amazonaws.vpce.ap-northeast-1.vpce-svc-7fc59bc9" },
};
const NLB = "nlb-2026120623232952720000000d-1.ap-northeast-1.elb.amazonaws.com";
const ALB = "alb-20261206232605085000000007-1.ap-northeast-1.elb.amazonaws.com";

function albPeeringInstances(web1: Recorded = curlTimedOut): Record<string, ScriptedInstance> {
  return {
    "i-23c32a6644aecd262": {
      host: "ip-10-3-1-4",
      answers: { [curl("alb.home", 80)]: http(200, "10.2.1.37"), [dig("alb.home")]: digA("alb.home", "10.2.1.37"), [curl(ALB, 80)]: http(200, "10.2.2.41"), [curl("10.2.1.4", 8080)]: web1, [curl("10.2.2.4", 8080)]: curlTimedOut },
    },
  };
}

async function fixtureProbe(name: DeployedCase, tools: ScriptedToolsOptions, format: "text" | "markdown" | "json" = "json") {
  const terraform = scriptedTerraform({ state: ok(deployedFixture(name).stateText) });
  const scripted = scriptedTools(tools);
  const result = await probe({ stack: name.split("+")[0]!, terraform, tools: scripted, format, setup: project(name) });
  return { ...result, terraform, tools: scripted, report: format === "json" && result.stdout !== "" ? (JSON.parse(result.stdout) as ProbeReport) : undefined };
}

/** The table's columns of each row: flow, expected, observed, evidence and the result. */
const table = (report: ProbeReport | undefined) => report!.rows.map((row) => [row.flow, row.expected, row.observed, row.evidence, row.result]);
const rowOf = (report: ProbeReport | undefined, flow: string) => {
  const found = report!.rows.find((row) => row.flow === flow);
  if (found === undefined) throw new Error(`no row ${flow}: ${report!.rows.map((row) => row.flow).join(" | ")}`);
  return found;
};

describe("npm run probe -- <stack> on emulator-applied states, the instances' answers recorded", () => {
  it("peering: the table of flow, expected, observed and evidence, exit 0 when all match; read-only in Terraform and AWS", async () => {
    const run = await fixtureProbe("peering", { instances: peeringInstances() }, "text");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        "probe peering: its deployed state (27 resources), account 123456789012, ap-northeast-1",
        "",
        "ways in",
        "  peering-ec2-1  SSH through the Instance Connect endpoint peering-eic-endpoint (eice-7bc3a80f66c45829d)",
        "  peering-ec2-2  no way in: Run Command: it has no instance profile, which Run Command needs; Instance Connect: peering-eic-endpoint: tcp/22 is blocked (peering-eic-endpoint has no egress rule for tcp/22 to peering-ec2-2 (172.18.1.4/32))",
        "",
        "  result      check    flow                                          expected   observed    evidence",
        "  ok          way in   peering-eic-endpoint -> peering-ec2-1 tcp/22  reachable  reachable   SSH through eice-7bc3a80f66c45829d: a shell on ip-10-0-1-4.ap-northeast-1.compute.internal",
        "  ok          traffic  peering-ec2-1 -> peering-ec2-2 icmp           reachable  reachable   4 packets transmitted, 4 received, 0% packet loss, time 3004ms",
        "  not probed  traffic  peering-ec2-2 -> peering-ec2-1 icmp           reachable  not probed  peering-ec2-2: no way in",
        "  not probed  traffic  anything else -> peering-ec2-1 tcp/22         blocked    not probed  no source it must refuse can be probed: peering-ec2-2: no way in; 3 address ranges (other hosts of a subnet, the internet): no instance stands for them",
        "  ok          traffic  peering-ec2-1 -> peering-ec2-2 tcp/22         blocked    blocked     no connection within 5 s",
        "",
        "probe peering: 3 as expected, 0 differ, 2 not probed",
        "",
      ].join("\n"),
    );
    expect(run.terraform.calls).toEqual(["version -json", "init -input=false -no-color -lockfile=readonly", "state pull"]);
    expect(run.tools.awsOperations()).toEqual(["sts get-caller-identity", "--version", "ec2-instance-connect send-ssh-public-key"]);
    expect(run.tools.calls.filter((call) => call.program === "ssh" && call.args[0] !== "-V")).toHaveLength(1);
  });

  it.each([
    ["every echo lost", pingLost("172.18.1.4", 0), "blocked", "4 packets transmitted, 0 received, 100% packet loss, time 3069ms"],
    ["some echoes lost", pingLost("172.18.1.4", 2), "lossy", "4 packets transmitted, 2 received, 50% packet loss, time 3069ms"],
  ])("peering: %s across the peering is a difference, exit 3", async (_, answer, observed, evidence) => {
    const run = await fixtureProbe("peering", { instances: peeringInstances(answer) });
    expect(run.code).toBe(3);
    expect(rowOf(run.report, "peering-ec2-1 -> peering-ec2-2 icmp")).toMatchObject({ expected: "reachable", observed, evidence, result: "differs", command: "ping -c 4 -W 2 '172.18.1.4'" });
    expect(run.report!.summary).toEqual({ match: 2, differs: 1, notProbed: 2, noExpectation: 0, couldNotRun: 0 });
  });

  it("endpoint-sharing: Run Command into the hub's and the spoke's instance, each service's name private and answering, SSH one way only; the JSON as its schema says", async () => {
    const run = await fixtureProbe("endpoint-sharing", { instances: endpointSharingInstances() });
    expect(run.code).toBe(0);
    expect(validate(probeSchema(), run.report)).toEqual([]);
    expect(run.report!.waysIn.map((way) => [way.instance, way.way])).toEqual([
      ["endpoint-sharing-shared-vpc-ec2", "run-command"],
      ["endpoint-sharing-user-vpc-ec2", "run-command"],
    ]);
    const probed = table(run.report).filter((row) => row[4] !== "not probed");
    expect(probed).toEqual([
      ["Run Command -> endpoint-sharing-shared-vpc-ec2", "reachable", "reachable", "Run Command: a shell on ip-172-16-100-4", "match"],
      ["Run Command -> endpoint-sharing-user-vpc-ec2", "reachable", "reachable", "Run Command: a shell on ip-192-168-100-4", "match"],
      ...["shared-vpc-ec2", "user-vpc-ec2"].flatMap((instance) =>
        SSM_NAMES.flatMap((name, index) => [
          [`endpoint-sharing-${instance} -> ${name} tcp/443`, "reachable", "reachable", "connected", "match"],
          [`endpoint-sharing-${instance} resolves ${name}`, "private", "private", `dig: NOERROR 172.16.1.${10 + index}`, "match"],
        ]),
      ),
      ["endpoint-sharing-shared-vpc-ec2 -> endpoint-sharing-user-vpc-ec2 tcp/22", "reachable", "reachable", "connected", "match"],
      ["endpoint-sharing-user-vpc-ec2 -> endpoint-sharing-shared-vpc-ec2 tcp/22", "blocked", "blocked", "no connection within 5 s", "match"],
    ]);
    expect(run.report!.summary).toEqual({ match: 16, differs: 0, notProbed: 4, noExpectation: 0, couldNotRun: 0 });
    expect(run.tools.awsOperations()).toEqual(["sts get-caller-identity", "ssm send-command", "ssm get-command-invocation"]);
    const sent = run.tools.calls.filter((call) => call.args[1] === "send-command");
    expect(sent.map((call) => call.args[call.args.indexOf("--instance-ids") + 1])).toEqual(["i-0e7779f71ecd3798d", "i-57a82f49a85b5cd69"]);
    expect(sent.every((call) => call.args[call.args.indexOf("--document-name") + 1] === "AWS-RunShellScript")).toBe(true);
  });

  it("endpoint-sharing over a transit gateway: the same checks, the same answers", async () => {
    const run = await fixtureProbe("endpoint-sharing+transit-gateway", { instances: endpointSharingInstances(undefined, { hub: "i-b2543cb996e4e7a7c", spoke: "i-fc63fd7a5038d95d3" }) });
    expect(run.code).toBe(0);
    expect(run.report!.summary).toEqual({ match: 16, differs: 0, notProbed: 4, noExpectation: 0, couldNotRun: 0 });
  });

  it("endpoint-sharing: a name the spoke cannot resolve (NXDOMAIN) and a connection the hub lets through are differences, exit 3", async () => {
    const run = await fixtureProbe("endpoint-sharing", {
      instances: endpointSharingInstances((answers) => {
        answers.spoke[dig(SSM_NAMES[0]!)] = digNxdomain;
        answers.spoke[tcp("172.16.100.4", 22)] = connected;
      }),
    });
    expect(run.code).toBe(3);
    expect(rowOf(run.report, `endpoint-sharing-user-vpc-ec2 resolves ${SSM_NAMES[0]}`)).toMatchObject({ expected: "private", observed: "nxdomain", evidence: "dig: NXDOMAIN", result: "differs" });
    expect(rowOf(run.report, "endpoint-sharing-user-vpc-ec2 -> endpoint-sharing-shared-vpc-ec2 tcp/22")).toMatchObject({ declared: "must-not", expected: "blocked", observed: "reachable", evidence: "connected", result: "differs" });
    expect(run.report!.summary.differs).toBe(2);
  });

  it.each([
    ["Undeliverable", { Status: "Undeliverable", StatusDetails: "Undeliverable" }, /^Run Command status Undeliverable: its SSM Agent is not connected to Systems Manager/],
    ["TimedOut before delivery", { Status: "TimedOut", StatusDetails: "DeliveryTimedOut" }, /^Run Command status TimedOut \(not delivered within 60 s\)/],
  ])("endpoint-sharing: Run Command %s on the spoke is a way in that differs, and the spoke's flows say they did not run; exit 3", async (_, status, evidence) => {
    const run = await fixtureProbe("endpoint-sharing", { instances: endpointSharingInstances(), invocation: { "i-57a82f49a85b5cd69": status } });
    expect(run.code).toBe(3);
    expect(rowOf(run.report, "Run Command -> endpoint-sharing-user-vpc-ec2")).toMatchObject({ expected: "reachable", observed: "blocked", evidence: expect.stringMatching(evidence), result: "differs" });
    expect(rowOf(run.report, `endpoint-sharing-user-vpc-ec2 -> ${SSM_NAMES[0]} tcp/443`)).toMatchObject({ observed: "not run", result: "could not run" });
    expect(rowOf(run.report, `endpoint-sharing-shared-vpc-ec2 -> ${SSM_NAMES[0]} tcp/443`)).toMatchObject({ result: "match" });
  });

  it("endpoint-sharing: Run Command Failed and TimedOut in the script still count what the script printed, with the status beside it", async () => {
    const failed = await fixtureProbe("endpoint-sharing", {
      instances: endpointSharingInstances(),
      invocation: { "i-57a82f49a85b5cd69": { Status: "Failed", StatusDetails: "Failed", ResponseCode: 1, StandardErrorContent: "bash: line 9: dig: command not found\n" } },
    });
    expect(failed.code).toBe(0);
    expect(rowOf(failed.report, "Run Command -> endpoint-sharing-user-vpc-ec2")).toMatchObject({
      observed: "reachable",
      evidence: "Run Command: a shell on ip-192-168-100-4; Run Command status Failed (response code 1): bash: line 9: dig: command not found",
      result: "match",
    });
    const timedOut = await fixtureProbe("endpoint-sharing", {
      instances: endpointSharingInstances(),
      invocation: { "i-57a82f49a85b5cd69": { Status: "TimedOut", StatusDetails: "ExecutionTimedOut", StandardOutputContent: "" } },
    });
    // Nothing printed before the stop: the way in gave no shell, so nothing is known of the spoke's flows.
    expect(timedOut.code).toBe(2);
    expect(rowOf(timedOut.report, "Run Command -> endpoint-sharing-user-vpc-ec2")).toMatchObject({ observed: "error", result: "could not run", evidence: "Run Command ended without the probe script's output (Run Command status TimedOut (ExecutionTimedOut): the script was stopped)" });
  });

  it("alb-peering: curls alb.home and the ALB from the peered client, alb.home resolves into foo, the web servers' 8080 dropped; Markdown", async () => {
    const run = await fixtureProbe("alb-peering", { instances: albPeeringInstances() }, "markdown");
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("### probe alb-peering: its deployed state (40 resources), account 123456789012, ap-northeast-1");
    expect(lines).toEqual(
      expect.arrayContaining([
        "| ok | traffic | alb-peering-client -> alb.home tcp/80 | reachable | reachable | HTTP 200 from 10.2.1.37 |",
        "| ok | dns | alb-peering-client resolves alb.home | private | private | dig: NOERROR 10.2.1.37 |",
        "| ok | traffic | alb-peering-client -> alb-peering-alb tcp/80 | reachable | reachable | HTTP 200 from 10.2.2.41 |",
        "| ok | traffic | alb-peering-client -> alb-peering-web-1 tcp/8080 | blocked | blocked | curl exit 28: Connection timed out after 5002 milliseconds |",
        "| ok | traffic | alb-peering-client -> alb-peering-web-2 tcp/8080 | blocked | blocked | curl exit 28: Connection timed out after 5002 milliseconds |",
      ]),
    );
    expect(lines.at(-2)).toBe("probe alb-peering: 6 as expected, 0 differ, 2 not probed");
  });

  it("alb-peering: a web server that refuses at once (curl exit 7) is not the blocked flow the verifier expects; exit 3", async () => {
    const run = await fixtureProbe("alb-peering", { instances: albPeeringInstances(curlRefused) });
    expect(run.code).toBe(3);
    expect(rowOf(run.report, "alb-peering-client -> alb-peering-web-1 tcp/8080")).toMatchObject({
      expected: "blocked",
      observed: "refused",
      evidence: "curl exit 7: Failed to connect to 10.2.1.4 port 8080 after 1 ms: Couldn't connect to server (an immediate answer: something on the path refused it)",
      result: "differs",
    });
  });

  it("privatelink: each client through its own Instance Connect endpoint curls its endpoint; the NLB and the web server are dropped from dev", async () => {
    const instances: Record<string, ScriptedInstance> = {};
    for (const [consumer, { id, endpoint }] of Object.entries(PRIVATELINK_ENDPOINTS)) {
      instances[id] = { host: `ip-10-0-1-4-${consumer}`, answers: { [curl(endpoint, 80)]: http(200, "10.0.1.20") } };
    }
    instances[PRIVATELINK_ENDPOINTS.dev.id] = { ...instances[PRIVATELINK_ENDPOINTS.dev.id]!, answers: { ...instances[PRIVATELINK_ENDPOINTS.dev.id]!.answers, [curl(NLB, 80)]: curlTimedOut, [curl("172.16.2.4", 80)]: curlTimedOut } };
    const run = await fixtureProbe("privatelink", { instances });
    expect(run.code).toBe(0);
    expect(table(run.report).filter((row) => row[4] === "match")).toEqual([
      ...["dev", "prod", "stg"].map((consumer) => [`privatelink-${consumer}-eic -> privatelink-${consumer}-client tcp/22`, "reachable", "reachable", expect.stringMatching(new RegExp(`^SSH through eice-[0-9a-f]+: a shell on ip-10-0-1-4-${consumer}$`)), "match"]),
      ...["dev", "stg", "prod"].map((consumer) => [`privatelink-${consumer}-client -> privatelink-${consumer}-endpoint tcp/80`, "reachable", "reachable", "HTTP 200 from 10.0.1.20", "match"]),
      ["privatelink-dev-client -> privatelink-nlb tcp/80", "blocked", "blocked", "curl exit 28: Connection timed out after 5002 milliseconds", "match"],
      ["privatelink-dev-client -> privatelink-web-server tcp/80", "blocked", "blocked", "curl exit 28: Connection timed out after 5002 milliseconds", "match"],
    ]);
    expect(run.tools.calls.filter((call) => call.program === "ssh" && call.args[0] !== "-V")).toHaveLength(3);
  });

  it("privatelink with a consumer in another account: no way into it with these credentials, said instead of guessed; nothing entered, and exit 2, as nothing could be probed", async () => {
    const run = await fixtureProbe("privatelink+other-account", { instances: {} });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^probe: no flow of privatelink could be probed \(the table says why for each\); nothing is known to work$/m);
    expect(run.report!.waysIn).toEqual([
      expect.objectContaining({ instance: "privatelink-dev-client", way: "none", detail: "it is in account 111122223333, and the probe's credentials are in 123456789012: run the probe again with credentials of 111122223333" }),
      expect.objectContaining({ instance: "privatelink-web-server", way: "none" }),
    ]);
    expect(run.report!.rows.every((row) => row.result === "not probed")).toBe(true);
    expect(run.tools.awsOperations()).toEqual(["sts get-caller-identity"]);
  });

  it("asks AWS nothing but who it is and the sessions on the instances, and Terraform nothing but to read", async () => {
    for (const [name, instances] of [
      ["peering", peeringInstances()],
      ["endpoint-sharing", endpointSharingInstances()],
      ["alb-peering", albPeeringInstances()],
    ] as const) {
      const run = await fixtureProbe(name, { instances });
      for (const operation of run.tools.awsOperations()) expect(PROBE_AWS_OPERATIONS, `${name}: aws ${operation}`).toContain(operation);
      for (const call of run.terraform.calls) expect(call, name).toMatch(READ_ONLY_TERRAFORM);
    }
  });
});
