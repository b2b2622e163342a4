import { describe, expect, it } from "vitest";
import { PRIVATE_NETWORK_IDS } from "../../src/config/reserved-names";
import { appWith, stackOf } from "../support/synth";
import { DEFAULT_CONFIG } from "../../src/topologies/project-config";
import { ALB_PEERING_STACK_IDS } from "../../src/topologies/alb-peering/config";
import { ENDPOINT_SHARING_STACK_IDS, SHARED_ENDPOINTS_IDS } from "../../src/topologies/endpoint-sharing/config";
import { NAT_EGRESS_IDS, PRIVATELINK_STACK_IDS } from "../../src/topologies/privatelink/config";
import { PEERING_STACK_IDS } from "../../src/topologies/peering/config";

describe("reserved construct ids", () => {
  // One side placed by zone ID, so that both offerings lookups exist.
  const stack = stackOf(appWith({ peering: { accepter: { subnet: { availabilityZone: "apne1-az1" } } } }), "peering");
  const { requester, accepter } = DEFAULT_CONFIG.peering;

  it("lists exactly the peering stack's own ids, beside those made from configured names", () => {
    const fromConfig = [requester, accepter].flatMap((side) => [
      side.name,
      side.instanceName,
      `${side.instanceName}-instance-id`,
      `${side.instanceName}-private-ip`,
    ]);
    const own = stack.node.children.map((child) => child.node.id).filter((id) => !fromConfig.includes(id));
    expect(own.sort()).toEqual([...PEERING_STACK_IDS].sort());
  });

  it("lists exactly a private network's own ids, beside its subnets and route tables", () => {
    const network = stack.node.findChild(requester.name);
    const subnet = requester.subnet.name;
    const fromConfig = [subnet, `${subnet}-route-table`, `${subnet}-route-table-association`];
    const own = network.node.children.map((child) => child.node.id).filter((id) => !fromConfig.includes(id));
    expect(own.sort()).toEqual([...PRIVATE_NETWORK_IDS].sort());
  });

  it("lists exactly the alb-peering stack's own ids (foo in another account, so every one exists), beside configured names", () => {
    const crossAccount = {
      albPeering: { foo: { assumeRoleArn: "arn:aws:iam::111122223333:role/privnet-deploy" }, bar: { subnet: { name: "bar-private", cidr: "10.3.1.0/24", availabilityZone: "apne1-az4" } } },
    };
    const albStack = stackOf(appWith(crossAccount), "alb-peering");
    const { foo, bar } = DEFAULT_CONFIG.albPeering;
    const fromConfig = [foo.name, bar.name, bar.instanceName, ...foo.webServerNames];
    // Each account's instance types are looked up by the form its zones are given in: the defaults by letter, foo's here by ID.
    const byLetters = stackOf(appWith(), "alb-peering");
    const fooSubnets = DEFAULT_CONFIG.albPeering.foo.subnets.map((subnet, index) => ({ ...subnet, availabilityZone: ["apne1-az4", "apne1-az1"][index] }));
    const fooByIds = stackOf(appWith({ albPeering: { ...crossAccount.albPeering, foo: { ...crossAccount.albPeering.foo, subnets: fooSubnets } } }), "alb-peering");
    const own = [...albStack.node.children, ...byLetters.node.children, ...fooByIds.node.children].map((child) => child.node.id).filter((id) => !fromConfig.includes(id));
    expect([...new Set(own)].sort()).toEqual([...ALB_PEERING_STACK_IDS].sort());
  });

  it("lists exactly the privatelink stack's own ids (NAT and analysis on, so every one exists), beside configured names", () => {
    const { service, consumers } = DEFAULT_CONFIG.privatelink;
    const everything = {
      privatelink: {
        service: { natGateway: true, publicSubnets: [{ name: "shared-public", cidr: "172.16.100.0/24", availabilityZone: "a" }] },
        reachabilityAnalysis: true,
      },
    };
    const privatelinkStack = stackOf(appWith(everything), "privatelink");
    // A stack places by letters or by IDs throughout; the other lookup comes with IDs.
    const byZoneIds = stackOf(
      appWith({
        privatelink: {
          service: { subnets: service.subnets.map((subnet, index) => ({ ...subnet, availabilityZone: ["apne1-az4", "apne1-az1"][index] })) },
          // Through JSON, as a file gives them: the defaults list unset keys as undefined.
          consumers: JSON.parse(JSON.stringify(consumers.map((consumer) => ({ ...consumer, subnets: consumer.subnets.map((subnet) => ({ ...subnet, availabilityZone: "apne1-az4" })) })))),
        },
      }),
      "privatelink",
    );
    const fromConfig = [service.name, service.serverName, ...consumers.map((consumer) => consumer.name)];
    const own = [...privatelinkStack.node.children, ...byZoneIds.node.children].map((child) => child.node.id).filter((id) => !fromConfig.includes(id));
    expect([...new Set(own)].sort()).toEqual([...PRIVATELINK_STACK_IDS].sort());

    const nat = privatelinkStack.node.findChild("nat-gateway");
    const publicIds = ["shared-public", "shared-public-route-table", "shared-public-route-table-association", "shared-public-internet-route"];
    const privateRoutes = service.subnets.map((subnet) => `${subnet.name}-nat-route`);
    const natOwn = nat.node.children.map((child) => child.node.id).filter((id) => !publicIds.includes(id) && !privateRoutes.includes(id));
    expect(natOwn.sort()).toEqual([...NAT_EGRESS_IDS].sort());
  });

  it("lists exactly the endpoint-sharing stack's own ids (transit gateway, profile and a spoke in another account, so every one exists), beside configured names", () => {
    const { hub } = DEFAULT_CONFIG.endpointSharing;
    const everything = {
      endpointSharing: {
        transport: "transit-gateway",
        dns: "route53-profile",
        spokes: [
          {
            name: "dev",
            cidr: "10.1.0.0/16",
            subnets: [{ name: "dev-a", cidr: "10.1.1.0/24", availabilityZone: "apne1-az4" }],
            instanceName: "dev-ec2",
            assumeRoleArn: "arn:aws:iam::111122223333:role/privnet-deploy",
          },
        ],
      },
    };
    const sharingStack = stackOf(appWith(everything), "endpoint-sharing");
    const fromConfig = [hub.name, hub.instanceName, "dev"];
    const byZoneIds = stackOf(appWith({ endpointSharing: { spokes: [{ name: "dev", cidr: "10.1.0.0/16", subnets: [{ name: "dev-a", cidr: "10.1.1.0/24", availabilityZone: "apne1-az4" }], instanceName: "dev-ec2" }] } }), "endpoint-sharing");
    const own = [...sharingStack.node.children, ...byZoneIds.node.children].map((child) => child.node.id).filter((id) => !fromConfig.includes(id) && id !== "dev-ec2");
    expect([...new Set(own)].sort()).toEqual([...ENDPOINT_SHARING_STACK_IDS].sort());

    const endpoints = sharingStack.node.findChild("endpoints");
    const services = DEFAULT_CONFIG.endpointSharing.services;
    const endpointsOwn = endpoints.node.children.map((child) => child.node.id).filter((id) => !services.includes(id));
    expect(endpointsOwn).toEqual([...SHARED_ENDPOINTS_IDS]);
  });
});
