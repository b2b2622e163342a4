import { describe, expect, it } from "vitest";
import { addressOf, expandFlows } from "../../src/reachability/flows";
import { planProbe, type PlannedRow } from "../../src/operations/probe/probe-plan";
import { waysIn } from "../../src/operations/probe/ways-in";
import { deployedFixture, type DeployedCase } from "../support/deployed";

function plan(name: DeployedCase) {
  const fixture = deployedFixture(name);
  const ways = waysIn({ model: fixture.model, json: fixture.json, region: "ap-northeast-1", callerAccount: "123456789012" });
  return { fixture, plan: planProbe(fixture.stack, fixture.model, fixture.json, fixture.flows, ways) };
}

const row = (rows: readonly PlannedRow[], flow: string) => {
  const found = rows.find((candidate) => candidate.flow === flow);
  if (found === undefined) throw new Error(`no row ${flow}; the rows: ${rows.map((candidate) => candidate.flow).join(" | ")}`);
  return found;
};

describe("what the probe of a deployed stack looks at", () => {
  it("has a row for every intended flow and for every exclusive declaration, in every stack", () => {
    for (const name of ["peering", "endpoint-sharing", "endpoint-sharing+transit-gateway", "privatelink", "alb-peering"] as const) {
      const { fixture, plan: probe } = plan(name);
      const intended = expandFlows(fixture.model, { intended: fixture.flows.intended, exclusive: [] });
      const traffic = probe.rows.filter((candidate) => candidate.check !== "dns");
      // An intended Instance Connect flow is the way in where the probe enters through it.
      expect(traffic.filter((candidate) => candidate.declared === "intended"), name).toHaveLength(intended.length);
      expect(traffic.filter((candidate) => candidate.declared === "must-not"), name).toHaveLength(fixture.flows.exclusive.length + (fixture.flows.mustNot?.length ?? 0));
      for (const candidate of traffic) expect(candidate.probe !== undefined || candidate.notProbed !== undefined || candidate.check === "way in", `${name}: ${candidate.flow}`).toBe(true);
    }
  });

  it("peering: pings ec2-2 at its deployed address from ec2-1, proves SSH blocked towards it, and says why ec2-2's own flows are not probed", () => {
    const { fixture, plan: probe } = plan("peering");
    const ec2Two = [...fixture.model.instances.values()].find((instance) => instance.label === "peering-ec2-2")!;
    expect(row(probe.rows, "peering-eic-endpoint -> peering-ec2-1 tcp/22")).toMatchObject({ check: "way in", declared: "intended", expected: "reachable" });
    expect(row(probe.rows, "peering-ec2-1 -> peering-ec2-2 icmp").probe).toEqual({ id: 1, kind: "ping", target: { host: ec2Two.privateIp }, command: `ping -c 4 -W 2 '${String(ec2Two.privateIp)}'` });
    expect(row(probe.rows, "peering-ec2-2 -> peering-ec2-1 icmp")).toMatchObject({ expected: "reachable", notProbed: "peering-ec2-2: no way in" });
    expect(row(probe.rows, "peering-ec2-1 -> peering-ec2-2 tcp/22")).toMatchObject({ declared: "must-not", expected: "blocked", probe: { id: 2, kind: "tcp" } });
    expect(row(probe.rows, "anything else -> peering-ec2-1 tcp/22").notProbed).toBe(
      "no source it must refuse can be probed: peering-ec2-2: no way in; 3 address ranges (other hosts of a subnet, the internet): no instance stands for them",
    );
  });

  it("endpoint-sharing: connects to each service's name and resolves it from each instance, expecting the hub's block", () => {
    const { fixture, plan: probe } = plan("endpoint-sharing");
    const hub = [...fixture.model.vpcs.values()].find((vpc) => vpc.label === "endpoint-sharing-shared-vpc")!;
    for (const instance of ["shared-vpc-ec2", "user-vpc-ec2"]) {
      for (const service of ["ssm", "ssmmessages", "ec2messages"]) {
        const name = `${service}.ap-northeast-1.amazonaws.com`;
        expect(row(probe.rows, `endpoint-sharing-${instance} -> ${name} tcp/443`)).toMatchObject({ expected: "reachable", probe: { kind: "tcp", target: { host: name, port: 443 } } });
        expect(row(probe.rows, `endpoint-sharing-${instance} resolves ${name}`)).toMatchObject({ check: "dns", expected: "private", privateRanges: hub.cidrs, probe: { kind: "dns" } });
      }
    }
    expect(row(probe.rows, "endpoint-sharing-user-vpc-ec2 -> endpoint-sharing-shared-vpc-ec2 tcp/22")).toMatchObject({ declared: "must-not", expected: "blocked", probe: { kind: "tcp" } });
    expect(row(probe.rows, "Run Command -> endpoint-sharing-user-vpc-ec2")).toMatchObject({ check: "way in", expected: "reachable" });
  });

  it("privatelink: curls each endpoint's deployed DNS name from its own client; never probes one consumer from another, whose block is the same", () => {
    const { fixture, plan: probe } = plan("privatelink");
    const endpoint = [...fixture.model.vpcEndpoints.values()].find((candidate) => candidate.label === "privatelink-dev-endpoint")!;
    const dnsName = (fixture.json.resource!["aws_vpc_endpoint"]![endpoint.address.split(".")[1]!]!["dns_entry"] as { dns_name: string }[])[0]!.dns_name;
    expect(row(probe.rows, "privatelink-dev-client -> privatelink-dev-endpoint tcp/80")).toMatchObject({ expected: "reachable", probe: { kind: "http", target: { host: dnsName, port: 80 } } });
    expect(row(probe.rows, "privatelink-dev-client -> privatelink-nlb tcp/80")).toMatchObject({ declared: "must-not", expected: "blocked", probe: { kind: "http" } });
    expect(row(probe.rows, "privatelink-dev-client -> privatelink-web-server tcp/80")).toMatchObject({ declared: "must-not", expected: "blocked" });
    expect(row(probe.rows, "anything else -> privatelink-dev-endpoint tcp/80").notProbed).toMatch(
      /privatelink-stg-client: privatelink-dev-endpoint is in privatelink-dev, whose block overlaps privatelink-stg's 10\.0\.0\.0\/16: from here its address never leaves privatelink-stg/,
    );
  });

  it("alb-peering: curls alb.home and the ALB's own name from the client, and expects alb.home in foo's block", () => {
    const { fixture, plan: probe } = plan("alb-peering");
    const foo = [...fixture.model.vpcs.values()].find((vpc) => vpc.label === "alb-peering-foo")!;
    expect(row(probe.rows, "alb-peering-client -> alb.home tcp/80")).toMatchObject({ expected: "reachable", probe: { kind: "http", target: { host: "alb.home", port: 80 } } });
    expect(row(probe.rows, "alb-peering-client resolves alb.home")).toMatchObject({ expected: "private", privateRanges: foo.cidrs });
    expect(row(probe.rows, "alb-peering-client -> alb-peering-web-1 tcp/8080")).toMatchObject({ declared: "must-not", expected: "blocked", probe: { kind: "http", target: { port: 8080 } } });
    const ids = probe.rows.flatMap((candidate) => (candidate.probe ? [candidate.probe.id] : []));
    expect(ids).toEqual(ids.map((_, index) => index + 1));
  });

  it("takes the way in's own flow once, as the declared flow it is", () => {
    const { fixture, plan: probe } = plan("alb-peering");
    const declared = expandFlows(fixture.model, { intended: fixture.flows.intended, exclusive: [] }).filter((flow) => "instanceConnectEndpoint" in flow.from);
    expect(declared).toHaveLength(1);
    const flows = probe.rows.filter((candidate) => candidate.flow === `${fixture.model.instanceConnectEndpoints.get(addressOf(fixture.model, declared[0]!.from))!.label} -> alb-peering-client tcp/22`);
    expect(flows.map((candidate) => candidate.check)).toEqual(["way in"]);
  });
});
