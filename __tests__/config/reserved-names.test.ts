import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/config/defaults";
import { PEERING_STACK_IDS, PRIVATE_NETWORK_IDS } from "../../src/config/reserved-names";
import { appWith, stackOf } from "../support/synth";

describe("reserved construct ids", () => {
  const stack = stackOf(appWith(), "peering");
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
});
