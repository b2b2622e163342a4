import { describe, expect, it } from "vitest";
import { buildNetworkModel } from "../../src/reachability/build-model";
import { stateAsConfig } from "../../src/reachability/state-as-config";
import { verifyStack } from "../../src/reachability/verify";
import { deployedFixture, type DeployedCase } from "../support/deployed";
import { deployedResources, refreshedAfterDeploy, resourceNamed } from "../support/refreshed";

const CASES: DeployedCase[] = ["peering", "endpoint-sharing", "endpoint-sharing+transit-gateway", "privatelink", "privatelink+other-account", "alb-peering"];

/** Each declared flow's verdict, by its description, as the verifier reads a model. */
function verdicts(name: DeployedCase, json: Parameters<typeof buildNetworkModel>[0]) {
  const fixture = deployedFixture(name);
  const verdict = verifyStack(fixture.stack, buildNetworkModel(json, fixture.stack), fixture.flows);
  return verdict.verdicts.map((entry) => `${entry.flow.from} -> ${entry.flow.to} ${JSON.stringify(entry.flow.traffic)}: ${entry.result.status}`);
}

describe("a deployed stack's state read as its configuration", () => {
  it.each(CASES)("%s: the model of the applied state judges every declared flow as the model of the synthesized stack does, and all as declared", (name) => {
    const fixture = deployedFixture(name);
    const fromState = verdicts(name, fixture.json);
    expect(fromState.length).toBeGreaterThan(0);
    expect(fromState).toEqual(verdicts(name, fixture.synthesized));
    expect(verifyStack(fixture.stack, fixture.model, fixture.flows).ok).toBe(true);
  });

  it("turns resolved ids back into references, so a rule points at its group and a route at its table", () => {
    const { json } = deployedFixture("peering");
    const rules = Object.values(json.resource?.["aws_vpc_security_group_ingress_rule"] ?? {}) as Record<string, unknown>[];
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(rule["security_group_id"]).toMatch(/^\$\{aws_security_group\.[\w-]+\.id\}$/);
    const routes = Object.values(json.resource?.["aws_route"] ?? {}) as Record<string, unknown>[];
    for (const route of routes) {
      expect(route["route_table_id"]).toMatch(/^\$\{aws_route_table\.[\w-]+\.id\}$/);
      expect(route["vpc_peering_connection_id"]).toMatch(/^\$\{aws_vpc_peering_connection\.[\w-]+\.id\}$/);
    }
  });

  it("leaves out of a group's inline lists what the stack's own rule resources put there, and keeps a rule added by hand", () => {
    const fixture = deployedFixture("peering");
    const refreshed = refreshedAfterDeploy(deployedResources("peering"));
    const group = resourceNamed(refreshed, "aws_security_group", "sg2_group");
    expect((group.values["ingress"] as unknown[]).length).toBeGreaterThan(0);
    const handMade = { cidr_blocks: ["0.0.0.0/0"], description: "", from_port: 22, ipv6_cidr_blocks: [], prefix_list_ids: [], protocol: "tcp", security_groups: [], self: false, to_port: 22 };
    const edited = refreshed.map((resource) => (resource.address === group.address ? { ...resource, values: { ...resource.values, ingress: [...(resource.values["ingress"] as unknown[]), handMade] } } : resource));
    const json = stateAsConfig(edited, { stackName: "peering", synthesized: fixture.synthesized });
    const body = json.resource?.["aws_security_group"]?.[group.name] as Record<string, unknown>;
    expect(body["ingress"]).toEqual([expect.objectContaining({ cidr_blocks: ["0.0.0.0/0"], from_port: 22, to_port: 22, protocol: "tcp" })]);
    // Without the hand-made rule, the refreshed lists double nothing.
    const plain = stateAsConfig(refreshed, { stackName: "peering", synthesized: fixture.synthesized });
    expect((plain.resource?.["aws_security_group"]?.[group.name] as Record<string, unknown>)["ingress"] ?? []).toEqual([]);
  });

  it("drops the empty strings the provider writes for arguments never set", () => {
    const { json } = deployedFixture("peering");
    const everything = JSON.stringify(json.resource);
    expect(everything).not.toMatch(/:""/);
  });
});
