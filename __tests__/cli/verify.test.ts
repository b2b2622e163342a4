import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { CONFIG_FILE_VARIABLE } from "../../src/config/load";
import { runVerify } from "../../src/cli/verify";
import { capture, synthesizedPeeringFile } from "../support/commands";
import { tempDir } from "../support/synth";

describe("npm run verify", () => {
  test("without arguments it synthesizes every stack; with --flows it prints a table per stack, and exits 0", () => {
    const stdout = capture();
    expect(runVerify({ env: {}, everyFlow: true, stdout: stdout.stream })).toBe(0);
    const text = stdout.text();
    expect(text).toContain("state (7 resources): no flows to verify: the state bucket has no VPC");
    expect(text).toContain("peering (27 resources): 12 flows (");
    expect(text).toContain("  check  expected   verdict    flow\n  ok     reachable  reachable  ec2-1 -> ec2-2 icmp\n");
    expect(text).toContain("  ok     blocked    blocked    the internet -> ec2-2 tcp/22\n");
    expect(text).toContain("endpoint-sharing (43 resources): 17 flows (");
    expect(text).toContain("  ok     reachable  reachable  user-vpc-ec2 -> ssm.ap-northeast-1.amazonaws.com tcp/443\n");
    expect(text).toContain("alb-peering (40 resources): 29 flows (");
    expect(text).toContain("  ok     reachable  reachable  client -> alb.home tcp/80\n");
    expect(text).toContain("privatelink (68 resources): 100 flows (");
    expect(text).toContain("  ok     reachable  reachable  dev-client -> dev-endpoint tcp/80\n");
    expect(text.trimEnd().split("\n").at(-1)).toBe("verify: 5 stacks, 158 flows, every flow as declared");
  });

  test("by default prints a summary per stack: the flows counted by what was declared, and no table when all are as declared", () => {
    const stdout = capture();
    expect(runVerify({ env: {}, stdout: stdout.stream })).toBe(0);
    const text = stdout.text();
    expect(text).toContain("peering (27 resources): 12 flows (3 reachable, 9 blocked), all as declared\n");
    expect(text).not.toContain("  check  expected");
    expect(text.trimEnd().split("\n").at(-1)).toBe("verify: 5 stacks, 158 flows, every flow as declared");
  });

  test("checks a synthesized stack file given on the command line, relative to where npm was run", () => {
    const { dir, file } = synthesizedPeeringFile();
    const stdout = capture();
    expect(runVerify({ env: {}, files: [file], baseDir: dir, stdout: stdout.stream })).toBe(0);
    expect(stdout.text()).toContain("peering (27 resources): 12 flows (");
    expect(stdout.text()).not.toContain("state (");
  });

  test("an edited copy that drops an egress rule fails with exit code 1, the flow marked FAIL and the reason", () => {
    const { dir, file } = synthesizedPeeringFile();
    const json = JSON.parse(readFileSync(join(dir, file), "utf8"));
    const egress = json.resource.aws_vpc_security_group_egress_rule;
    delete egress[Object.keys(egress).find((name) => name.startsWith("sg2_egress-icmp"))!];
    mkdirSync(join(dir, "edited"));
    writeFileSync(join(dir, "edited", "copy.json"), JSON.stringify(json));
    const stdout = capture();
    expect(runVerify({ env: {}, files: ["edited/copy.json"], baseDir: dir, stdout: stdout.stream })).toBe(1);
    const text = stdout.text();
    expect(text).toMatch(/peering \(26 resources\): 12 flows \([^)]*\), 1 NOT as declared/);
    expect(text).toContain("  FAIL   reachable  blocked    ec2-2 -> ec2-1 icmp\n");
    expect(text).toContain("peering-sg2 has no egress rule for icmp to peering-ec2-1 (10.0.1.0/24)");
    expect(text).toContain("declared because: vpc2's group allows ICMP to vpc1 as well: ping works both ways");
    expect(text.trimEnd().split("\n").at(-1)).toBe("verify: 1 stack, 12 flows, 1 flow NOT as declared");
  });

  test("a file of a stack that declares no flows, or that is not Terraform JSON, exits 2 and says why", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "other.json"), JSON.stringify({ "//": { metadata: { stackName: "other" } }, resource: {} }));
    writeFileSync(join(dir, "broken.json"), "{ not json");
    const stderr = capture();
    expect(runVerify({ env: {}, files: ["other.json"], baseDir: dir, stdout: capture().stream, stderr: stderr.stream })).toBe(2);
    expect(stderr.text()).toBe('other.json: stack "other" declares no flows; known stacks: state, peering, endpoint-sharing, privatelink, alb-peering\n');
    const broken = capture();
    expect(runVerify({ env: {}, files: ["broken.json"], baseDir: dir, stdout: capture().stream, stderr: broken.stream })).toBe(2);
    expect(broken.text()).toMatch(/^broken\.json: cannot read it as Terraform JSON: /);
  });

  test("a bad configuration exits 2 with the configuration error, as synth does", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ peering: { accepter: { cidr: "10.0.0.0/33" } } }));
    const stderr = capture();
    expect(runVerify({ env: { [CONFIG_FILE_VARIABLE]: "bad.json" }, cwd: dir, stdout: capture().stream, stderr: stderr.stream })).toBe(2);
    expect(stderr.text()).toContain('peering.accepter.cidr = "10.0.0.0/33"');
  });
});
