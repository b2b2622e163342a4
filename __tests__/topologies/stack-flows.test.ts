import { describe, expect, test } from "vitest";
import { Port } from "../../src/constructs/port";
import { CidrPeer, type FlowSecurityGroup } from "../../src/constructs/security-group";
import { buildNetworkModel } from "../../src/reachability/build-model";
import { formatStackReport } from "../../src/reachability/report";
import type { TerraformJson } from "../../src/terraform-json/read";
import { verifyStack } from "../../src/reachability/verify";
import { topologyOf } from "../../src/topologies/registry";
import type { ProjectConfig } from "../../src/topologies/project-config";
import { peeringModel, removeConstruct, stackModel } from "../reachability/stack-model";
import { describeParty, type SourceSpec } from "../../src/reachability/evaluate/parties";
import { everySource } from "../../src/reachability/flows";
import { configWith, synthStack } from "../support/synth";
import { STACK_NAMES } from "../../src/topologies/registry";

/** The flows the registry says the stack declares. */
const flowsFor = (name: string, config: ProjectConfig) => topologyOf(name)!.flows(config);

/** A range source as a reader writes it; which subnet it stands for is tested on overlapping VPCs below. */
function withoutSubnet(source: SourceSpec): SourceSpec {
  if ("cidr" in source) {
    const { subnet: _subnet, ...rest } = source;
    return rest;
  }
  return source;
}

describe("every stack's declared flows hold on its synthesized JSON", () => {
  test.each(STACK_NAMES)("stack %s: every intended flow is reachable and every must-not flow is blocked", (name) => {
    expect(topologyOf(name)).toBeDefined();
    const config = configWith();
    const verdict = verifyStack(name, buildNetworkModel(synthStack(name).json as TerraformJson, name), flowsFor(name, config));
    expect(verdict.ok, formatStackReport(verdict)).toBe(true);
  });

  test("the peering stack declares ping both ways, SSH through the endpoint, and tcp/22 closed to every other source", () => {
    const config = configWith();
    const verdict = verifyStack("peering", peeringModel().model, flowsFor("peering", config));
    const rows = verdict.verdicts.map(({ flow, result }) => `${flow.expect} ${result.status} ${JSON.stringify(withoutSubnet(flow.from))} ${JSON.stringify(flow.to)} ${flow.trafficText}`);
    expect(rows).toEqual([
      'reachable reachable {"instance":"ec2-1"} {"instance":"ec2-2"} icmp',
      'reachable reachable {"instance":"ec2-2"} {"instance":"ec2-1"} icmp',
      'reachable reachable {"instanceConnectEndpoint":"eic-endpoint"} {"instance":"ec2-1"} tcp/22',
      'blocked blocked {"instance":"peering-ec2-2"} {"instance":"ec2-1"} tcp/22',
      'blocked blocked {"cidr":"10.0.1.0/24","label":"any other host in peering-private1"} {"instance":"ec2-1"} tcp/22',
      'blocked blocked {"cidr":"172.18.1.0/24","label":"any other host in peering-private2"} {"instance":"ec2-1"} tcp/22',
      'blocked blocked {"cidr":"203.0.113.10/32","label":"the internet"} {"instance":"ec2-1"} tcp/22',
      'blocked blocked {"instance":"peering-ec2-1"} {"instance":"ec2-2"} tcp/22',
      'blocked blocked {"instanceConnectEndpoint":"peering-eic-endpoint"} {"instance":"ec2-2"} tcp/22',
      'blocked blocked {"cidr":"10.0.1.0/24","label":"any other host in peering-private1"} {"instance":"ec2-2"} tcp/22',
      'blocked blocked {"cidr":"172.18.1.0/24","label":"any other host in peering-private2"} {"instance":"ec2-2"} tcp/22',
      'blocked blocked {"cidr":"203.0.113.10/32","label":"the internet"} {"instance":"ec2-2"} tcp/22',
    ]);
  });

  test("flows follow the configuration's names, so renamed instances are still verified", () => {
    const overrides = { peering: { requester: { instanceName: "client" }, accepter: { instanceName: "server" } } };
    const verdict = verifyStack("peering", buildNetworkModel(synthStack("peering", overrides).json as TerraformJson, "peering"), flowsFor("peering", configWith(overrides)));
    expect(verdict.ok, formatStackReport(verdict)).toBe(true);
    expect(verdict.verdicts[0]!.flow.from).toEqual({ instance: "client" });
  });

  test("a mistake in the stack fails verification: an SSH rule open to the whole VPC breaks 'only through the endpoint'", () => {
    const { model } = peeringModel({
      mistake: (stack) => {
        const group = stack.node.findChild("eic-to-ec2") as FlowSecurityGroup;
        group.allowFrom(new CidrPeer("10.0.0.0/16", "vpc1"), Port.tcp(22));
      },
    });
    const verdict = verifyStack("peering", model, flowsFor("peering", configWith()));
    expect(verdict.ok).toBe(false);
    const broken = verdict.verdicts.filter((row) => !row.ok).map((row) => withoutSubnet(row.flow.from));
    expect(broken).toEqual([{ cidr: "10.0.1.0/24", label: "any other host in peering-private1" }]);
  });

  test("removing a route the stack needs fails verification of the intended ping", () => {
    const { model } = peeringModel({ mistake: (stack) => removeConstruct(stack, "peering/vpc1-private1-route") });
    const verdict = verifyStack("peering", model, flowsFor("peering", configWith()));
    expect(verdict.verdicts.filter((row) => !row.ok).map((row) => `${row.flow.expect} ${row.result.status}`)).toEqual([
      "reachable blocked",
      "reachable blocked",
    ]);
  });

  test("the alb-peering stack declares the client's way to the web servers by name and by ALB, and closes every other way in", () => {
    const { model } = stackModel("alb-peering");
    const verdict = verifyStack("alb-peering", model, flowsFor("alb-peering", configWith()));
    const rows = verdict.verdicts.map(({ flow, result }) => `${flow.expect} ${result.status} ${describeParty(flow.from)} -> ${describeParty(flow.to)} ${flow.trafficText}`);
    expect(rows.slice(0, 3)).toEqual([
      "reachable reachable client -> alb.home tcp/80",
      "reachable reachable client -> alb tcp/80",
      "reachable reachable eic-endpoint -> client tcp/22",
    ]);
    const toListener = rows.filter((row) => row.endsWith("-> alb tcp/80")).slice(1);
    expect(toListener).toEqual([
      "blocked blocked alb-peering-web-1 -> alb tcp/80",
      "blocked blocked alb-peering-web-2 -> alb tcp/80",
      "blocked blocked alb-peering-eic-endpoint -> alb tcp/80",
      "blocked blocked any other host in alb-peering-foo-private-1 -> alb tcp/80",
      "blocked blocked any other host in alb-peering-foo-private-2 -> alb tcp/80",
      "blocked blocked the internet -> alb tcp/80",
    ]);
    const toWebServers = rows.filter((row) => row.includes("tcp/8080"));
    expect(toWebServers.every((row) => row.startsWith("blocked blocked"))).toBe(true);
    // Every source but the web server itself, for each of the two web servers.
    expect(toWebServers).toHaveLength(2 * (everySource(model).length - 1));
    expect(verdict.ok).toBe(true);
  });

  test("alb-peering's flows follow its configuration: names, ports, the private name and extra client ranges", () => {
    const overrides = {
      albPeering: {
        bar: { instanceName: "tester" },
        foo: { webServerNames: ["api-1", "api-2", "api-3"] },
        alb: { listenerPort: 8081, targetPort: 9090, additionalClientCidrs: ["10.2.1.0/24"] },
        dns: { zoneName: "corp.internal", recordName: "api" },
      },
    };
    const verdict = verifyStack("alb-peering", stackModel("alb-peering", { overrides }).model, flowsFor("alb-peering", configWith(overrides)));
    expect(verdict.ok, formatStackReport(verdict)).toBe(true);
    expect(verdict.verdicts[0]!.flow).toMatchObject({ from: { instance: "tester" }, to: { dnsName: "api.corp.internal" }, trafficText: "tcp/8081" });
    const listenerSources = verdict.verdicts.filter(({ flow }) => flow.trafficText === "tcp/8081" && flow.expect === "blocked").map(({ flow }) => describeParty(flow.from));
    expect(listenerSources).not.toContain("any other host in alb-peering-foo-private-1");
    expect(listenerSources).toContain("any other host in alb-peering-foo-private-2");
  });

  test("the privatelink stack declares each consumer's way in through its own endpoint and closes the NLB, the server and each endpoint to everyone else", () => {
    const verdict = verifyStack("privatelink", stackModel("privatelink").model, flowsFor("privatelink", configWith()));
    expect(verdict.ok, formatStackReport(verdict)).toBe(true);
    const rows = verdict.verdicts.map(({ flow, result }) => `${flow.expect} ${result.status} ${describeParty(flow.from)} -> ${describeParty(flow.to)} ${flow.trafficText}`);
    expect(rows.filter((row) => row.startsWith("reachable"))).toEqual([
      "reachable reachable dev-client -> dev-endpoint tcp/80",
      "reachable reachable dev-eic -> dev-client tcp/22",
      "reachable reachable stg-client -> stg-endpoint tcp/80",
      "reachable reachable stg-eic -> stg-client tcp/22",
      "reachable reachable prod-client -> prod-endpoint tcp/80",
      "reachable reachable prod-eic -> prod-client tcp/22",
    ]);
    expect(rows).toContain("blocked blocked privatelink-stg-client -> dev-endpoint tcp/80");
    expect(rows).toContain("blocked blocked any other host in privatelink-shared-private-c -> nlb tcp/80");
    expect(rows).toContain("blocked blocked any other host in privatelink-shared-private-c -> web-server tcp/80");
  });

  test("with overlapping consumers, a host in one consumer's subnet is judged in that subnet, not in the first subnet with the same block", () => {
    const verdict = verifyStack("privatelink", stackModel("privatelink").model, flowsFor("privatelink", configWith()));
    const reasonFrom = (source: string, destination: string) =>
      verdict.verdicts.find(({ flow }) => describeParty(flow.from) === source && describeParty(flow.to) === destination)!.result.reason;
    // Both ranges are 10.0.1.0/24: one is refused by dev's endpoint group, the other never leaves stg.
    expect(reasonFrom("any other host in privatelink-dev-private-a", "dev-endpoint")).toBe(
      "privatelink-dev-endpoint has no ingress rule for tcp/80 from any other host in privatelink-dev-private-a (10.0.1.0/24)",
    );
    expect(reasonFrom("any other host in privatelink-stg-private-a", "dev-endpoint")).toBe(
      "request: 10.0.1.0/24 is inside privatelink-stg's own block 10.0.0.0/16, so the local route keeps the traffic in privatelink-stg; privatelink-stg and privatelink-dev overlap",
    );
  });
});
