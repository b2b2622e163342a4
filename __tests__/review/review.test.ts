import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { synthesize } from "../../src/app";
import { runCli } from "../../src/cli/run-cli";
import { buildNetworkModel } from "../../src/reachability/build-model";
import { expandFlows } from "../../src/reachability/flows";
import { costOf } from "../../src/review/cost";
import { mermaidDiagram } from "../../src/review/diagram";
import { HOURS_PER_MONTH, PRICES } from "../../src/review/prices";
import { renderMarkdown, renderStackMarkdown, renderText } from "../../src/review/render";
import { reviewSchema } from "../../src/review/report-schema";
import { review, reviewStack } from "../../src/review/review";
import type { SynthOutput } from "../../src/review/synth-output";
import { PRIVATELINK_DEFAULTS } from "../../src/topologies/privatelink/config";
import { topologyOf } from "../../src/topologies/registry";
import { capture } from "../support/commands";
import { validate } from "../support/json-schema";
import { configWith, synthStack, tempDir } from "../support/synth";

type Json = Record<string, any>;

function side(stack: string, raw: unknown = {}, edit?: (json: Json) => void) {
  const overrides = JSON.parse(JSON.stringify(raw)) as unknown;
  const json = structuredClone(synthStack(stack, overrides).json) as Json;
  edit?.(json);
  const model = buildNetworkModel(json, stack);
  return { json, model, declared: expandFlows(model, topologyOf(stack)!.flows(configWith(overrides) as never)), flowsDeclared: true };
}

const widenSsh = (json: Json) => {
  const rule = Object.values(json["resource"]["aws_vpc_security_group_ingress_rule"] as Json).find((candidate) => (candidate as Json)["from_port"] === 22) as Json;
  Object.assign(rule, { cidr_ipv4: "0.0.0.0/0", referenced_security_group_id: undefined });
};

const output = (dir: string, stacks: Record<string, ReturnType<typeof side>>): SynthOutput => ({ dir, stacks: new Map(Object.entries(stacks)) });

describe("the review of a change", () => {
  const widened = review(output("base", { peering: side("peering") }), output("head", { peering: side("peering", {}, widenSsh) }));

  it("puts flows, guardrail findings, cost and diagram together, in the JSON its schema describes", () => {
    expect(validate(reviewSchema(), JSON.parse(JSON.stringify(widened)))).toEqual([]);
    const [peering] = widened.stacks;
    expect(peering!.opened.map((change) => `${change.expectation} ${change.from} ${change.traffic}`).sort()).toEqual(["must-not any other host in peering-private1 tcp/22", "must-not any other host in peering-private2 tcp/22"]);
    expect(peering!.guardrails.new.map((finding) => finding.rule)).toEqual(["no-world-ingress"]);
    expect(peering!.guardrails.fixed).toEqual([]);
    expect(peering!.costDelta).toBe(0);
    expect(peering!.diagram).toMatch(/^flowchart LR\n/);
    expect(widened.unchanged).toEqual([]);
  });

  it("says what a consumer less saves: its instance, its root volume and its endpoint's zone", () => {
    const removed = reviewStack("privatelink", side("privatelink"), side("privatelink", { privatelink: { consumers: PRIVATELINK_DEFAULTS.consumers.slice(0, 2) } }));
    const expected = -(PRICES["t2.micro"].usd * HOURS_PER_MONTH + PRICES.gp3.usd * 8 + PRICES.interfaceEndpointZone.usd * HOURS_PER_MONTH);
    expect(removed.costDelta).toBeCloseTo(expected, 6);
    expect(removed.cost.headMonthlyUsd).toBeCloseTo(removed.cost.baseMonthlyUsd + expected, 6);
  });

  it("prices what the stacks create and names what it cannot price, never counting it as free", () => {
    const cost = costOf(synthStack("privatelink").json);
    expect(cost.lines.map((line) => [line.what, line.count])).toEqual([
      ["t2.micro instance", 4],
      ["interface endpoint zone", 3],
      ["network load balancer", 1],
      ["gp3 root volume GiB", 32],
    ]);
    expect(cost.monthlyUsd).toBeCloseTo((4 * 0.0152 + 3 * 0.014 + 0.0243) * HOURS_PER_MONTH + 32 * 0.096, 6);
    const unpriced = costOf(synthStack("peering", { instances: { instanceType: "m7i.large" } }).json);
    expect(unpriced.unpriced).toEqual(["m7i.large instance"]);
  });

  it("marks what the change touched in the diagram of the head", () => {
    const [peering] = widened.stacks;
    expect(peering!.diagram).toMatch(/subgraph n_aws_vpc_vpc1_vpc_[0-9A-F]{8}\["peering-vpc1 10\.0\.0\.0\/16"\]/);
    expect(peering!.diagram).toMatch(/n_aws_vpc_vpc1_vpc_[0-9A-F]{8} <-- "peering-vpc1-vpc2 \(peering\)" --> n_aws_vpc_vpc2_vpc_[0-9A-F]{8}/);
    expect(mermaidDiagram(side("peering").model)).not.toContain("classDef changed");
    const touched = reviewStack("peering", side("peering"), side("peering", {}, (json) => delete json["resource"]["aws_route"][Object.keys(json["resource"]["aws_route"])[0]!]));
    // The route sits in vpc1's table and leads into the peering to vpc2: both ends are marked.
    expect(touched.diagram).toMatch(/\n  class n_aws_vpc_vpc1_vpc_[0-9A-F]{8},n_aws_vpc_vpc2_vpc_[0-9A-F]{8} changed\n$/);
  });

  it("draws a network of more than 12 VPCs around the change, naming nothing it left out", () => {
    const manyConsumers = {
      privatelink: {
        service: {
          subnets: [
            { name: "shared-private-a", cidr: "172.16.1.0/24", availabilityZone: "apne1-az4" },
            { name: "shared-private-c", cidr: "172.16.2.0/24", availabilityZone: "apne1-az1" },
          ],
        },
        consumers: Array.from({ length: 13 }, (_, index) => ({
          name: `c${index + 1}`,
          cidr: "10.0.0.0/16",
          subnets: [{ name: `c${index + 1}-private`, cidr: "10.0.1.0/24", availabilityZone: "apne1-az4" }],
          clientSubnet: `c${index + 1}-private`,
          endpointSubnets: [`c${index + 1}-private`],
          assumeRoleArn: `arn:aws:iam::${String(100000000001 + index)}:role/privnet-deploy`,
        })),
      },
    };
    const { diagram } = reviewStack("privatelink", side("privatelink", manyConsumers), side("privatelink", manyConsumers, (json) => {
      const rules = json["resource"]["aws_vpc_security_group_ingress_rule"] as Json;
      const [, rule] = Object.entries(rules).find(([address, candidate]) => address.startsWith("c7_client") && (candidate as Json)["from_port"] === 22)!;
      Object.assign(rule, { cidr_ipv4: "0.0.0.0/0", referenced_security_group_id: undefined });
    }));
    const vpcs = [...diagram.matchAll(/subgraph n_aws_vpc_(\w+?)_vpc_[0-9A-F]{8}\[/g)].map((match) => match[1]);
    expect(vpcs).toEqual(["c7_network", "shared"]);
    // Mermaid draws an id it has not seen as a bare box: every id an arrow or class names is defined.
    const defined = new Set([...diagram.matchAll(/^\s*(?:subgraph )?(n_\w+)(?:\[|\(|\{\{)/gm)].map((match) => match[1]));
    const named = [...diagram.matchAll(/\bn_\w+/g)].map((match) => match[0]);
    expect(named.filter((id) => !defined.has(id))).toEqual([]);
    expect(diagram).toMatch(/n_aws_instance_c7_client_instance_[0-9A-F]{8} -. "tcp\/80" .-> n_aws_vpc_endpoint_c7_endpoint_[0-9A-F]{8}/);
    expect(diagram).not.toContain("c1_client");
  });

  it("reads must-not flows first and marked, in Markdown, with the diagram folded away", () => {
    const markdown = renderStackMarkdown(widened.stacks[0]!);
    expect(markdown).toContain("| :warning: **must-not** | any other host in peering-private1 | peering-ec2-1 | tcp/22 |");
    expect(markdown.indexOf("<details><summary>Network diagram")).toBeGreaterThan(markdown.indexOf("Cost: "));
    expect(markdown).toContain("```mermaid\nflowchart LR");
    expect(renderText(widened)).toContain("opened  MUST-NOT   any other host in peering-private1 -> peering-ec2-1 tcp/22");
  });

  it("lists at most 50 flows of a kind and counts the rest", () => {
    const many = { ...widened.stacks[0]!, opened: Array.from({ length: 120 }, (_, index) => ({ ...widened.stacks[0]!.opened[0]!, from: `host ${index}` })) };
    const markdown = renderStackMarkdown(many);
    expect(markdown.match(/^\| :warning: \*\*must-not\*\* \| host /gm)).toHaveLength(50);
    expect(markdown).toContain("… and 70 more: the full report is the review artifact");
    expect(renderMarkdown({ ...widened, stacks: [] })).toContain("No stack changes.");
  });
});

describe("npm run review", () => {
  const dir = tempDir();
  const base = join(dir, "base");
  synthesize({ env: {}, outdir: base });
  const head = join(dir, "head");
  cpSync(base, head, { recursive: true });
  const peeringFile = join(head, "stacks", "peering", "cdk.tf.json");
  const json = JSON.parse(readFileSync(peeringFile, "utf8")) as Json;
  widenSsh(json);
  writeFileSync(peeringFile, JSON.stringify(json));

  const run = async (args: string[]) => {
    const stdout = capture();
    const stderr = capture();
    const code = await runCli(["review", ...args], { cwd: dir, projectDir: process.cwd(), env: {}, stdout: stdout.stream, stderr: stderr.stream });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  };

  it("prints the review of two synth outputs, and with --exit-code exits 3 when a flow opened or closed", async () => {
    const text = await run(["--base", "base", "--head", "head"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("peering: 2 opened (2 MUST-NOT), 0 closed, 0 changed paths; cost ±0.00 USD a month; guardrails 1 new, 0 fixed");
    expect(text.stdout).toContain("unchanged: state, endpoint-sharing, privatelink, alb-peering");
    expect((await run(["--base", "base", "--head", "head", "--exit-code"])).code).toBe(3);
    expect((await run(["--base", "base", "--head", "base", "--exit-code"])).code).toBe(0);
    const parsed = JSON.parse((await run(["--base", "base", "--head", "head", "--json", "--stack", "peering"])).stdout) as Json;
    expect(validate(reviewSchema(), parsed)).toEqual([]);
    expect(parsed["stacks"].map((stack: Json) => stack["stack"])).toEqual(["peering"]);
    expect((await run(["--base", "base", "--head", "head", "--markdown"])).stdout).toMatch(/^## Network review\n/);
  });

  it.each([
    [["--base", "nowhere", "--head", "head"], /^review: --base \/.*\/nowhere is not a folder: name a synth output folder such as cdktf\.out\n$/],
    [["--base", ".", "--head", "head"], /^review: --base \/.* is not a synth output: it has no manifest\.json/],
    [["--base", "base", "--head", "head", "--stack", "nosuch"], /^review: --stack nosuch: no such stack on either side; the stacks are /],
    [["--base-ref", "no-such-ref-anywhere", "--head", "head"], /^review: --base-ref no-such-ref-anywhere: no such commit, branch or tag in /],
    [["--head", "head"], /^review: name the base once, as --base <synth output folder> or --base-ref <git ref>/],
    [["--base", "base", "--base-ref", "HEAD"], /^review: name the base once/],
    [["--base", "base", "--json", "--markdown"], /^review: --markdown and --json do not go together/],
  ])("refuses %j in one line, exit 2", async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it.each([
    ["{ not json", /: not valid JSON \(/],
    ['{ "resource": { "aws_instance": { "x": null } } }', /: resource\.aws_instance\.x must be an object of arguments$/],
    ['{ "resource": { "aws_instance": [1] } }', /: resource\.aws_instance must be an object of named blocks$/],
  ])("refuses a malformed cdk.tf.json (%s), naming it, in one line", async (text, message) => {
    const broken = join(tempDir(), "broken");
    cpSync(base, broken, { recursive: true });
    writeFileSync(join(broken, "stacks", "peering", "cdk.tf.json"), text);
    const result = await run(["--base", "base", "--head", broken]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^review: --head \/.*\/broken: \/.*\/broken\/stacks\/peering\/cdk\.tf\.json/);
    expect(result.stderr.trimEnd()).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });
});
