import type { DriftReport } from "../operations/drift/drift-report";
import { resourcesOfStateFile, type StateResource } from "../terraform-json/state";
import type { Emulator, EmulatorResponse } from "./emulator";
import { flowNames } from "./emulated-drift";
import { authorizeTcpIngress, disassociateZone, revokeIngressRule, revokeTcpIngress } from "./out-of-band";

/** What a drift scenario does with the deployed stack of its case. */
export interface DriftSteps {
  readonly emulator: Emulator;
  readonly region: string;
  /** Records a check (no time of its own); whether it passed. */
  check(step: string, ok: boolean, detail: string): boolean;
  /** The stack applied again, as `cdktf deploy` applies it; whether it passed. */
  redeploy(): Promise<boolean>;
  /** The state the last apply left. */
  appliedState(): Promise<string | undefined>;
  /** `npm run drift` now; undefined when it could not run (recorded as a failed step). */
  drift(): Promise<DriftReport | undefined>;
}

/** Where anyone can reach, for the hand-made SSH rule. */
const ANYWHERE = "0.0.0.0/0";

function resourcesOf(state: string | undefined): readonly StateResource[] {
  return state === undefined ? [] : resourcesOfStateFile(JSON.parse(state), "the applied state").resources;
}

function answered(steps: DriftSteps, step: string, response: EmulatorResponse): boolean {
  return steps.check(step, response.status >= 200 && response.status < 300, `the emulator answered ${response.status}: ${response.body.slice(0, 200)}`);
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

/**
 * peering: the ICMP rule that lets ec2-1 ping ec2-2 removed outside Terraform, and SSH
 * from anywhere added to ec2-2's group. Drift must name the rule and the closed ping,
 * and the opened SSH as a flow that must not be. A deploy brings the rule back and
 * leaves the hand-made SSH rule in place, which drift keeps naming; once it is removed
 * and the stack deployed again, drift finds none.
 */
export async function peeringRuleDrift(steps: DriftSteps): Promise<void> {
  const recorded = resourcesOf(await steps.appliedState());
  const rule = recorded.find((resource) => resource.type === "aws_vpc_security_group_ingress_rule" && resource.name.startsWith("sg2_ingress-icmp"));
  if (!steps.check("drift: the ICMP rule in the state", rule !== undefined, "the applied state has no sg2 ICMP ingress rule")) return;
  const group = text(rule!.values["security_group_id"]);
  if (!answered(steps, "drift: ICMP rule revoked by hand", await revokeIngressRule(steps.emulator, steps.region, group, text(rule!.values["id"])))) return;
  if (!answered(steps, "drift: SSH from anywhere added by hand", await authorizeTcpIngress(steps.emulator, steps.region, group, 22, ANYWHERE))) return;

  const changed = await steps.drift();
  if (changed === undefined) return;
  const groupAddress = recorded.find((resource) => resource.type === "aws_security_group" && resource.values["id"] === group)?.address;
  const sshAdded = changed.resources.some((resource) => resource.address === groupAddress && resource.attributes.some((attribute) => attribute.added?.includes(`ingress tcp/22 from ${ANYWHERE}`)));
  const ruleGone = changed.resources.some((resource) => resource.address === rule!.address && resource.change === "deleted");
  steps.check("drift: the rule and the SSH rule named", changed.drifted && ruleGone && sshAdded, `resources drifted: ${JSON.stringify(changed.resources)}`);
  const pingClosed = changed.closed.some((flow) => flow.expectation === "intended" && flow.from === "peering-ec2-1" && flow.to === "peering-ec2-2" && flow.traffic === "icmp");
  steps.check("drift: the intended ping closed", pingClosed, `closed: ${flowNames(changed.closed)}`);
  const sshOpened = changed.opened.some((flow) => flow.expectation === "must-not" && flow.to === "peering-ec2-2" && flow.traffic === "tcp/22");
  steps.check("drift: SSH opened, a must-not flow", sshOpened, `opened: ${flowNames(changed.opened)}`);

  if (!(await steps.redeploy())) return;
  const redeployed = await steps.drift();
  if (redeployed === undefined) return;
  const standing = redeployed.standing.some((entry) => entry.address === groupAddress && entry.entries.includes(`ingress tcp/22 from ${ANYWHERE}`));
  steps.check(
    "drift: after a deploy the ping is back and the hand-made SSH rule stands",
    redeployed.closed.length === 0 && standing && redeployed.opened.some((flow) => flow.expectation === "must-not" && flow.traffic === "tcp/22"),
    `closed: ${flowNames(redeployed.closed)}; standing: ${JSON.stringify(redeployed.standing)}`,
  );

  if (!answered(steps, "drift: SSH rule revoked by hand", await revokeTcpIngress(steps.emulator, steps.region, group, 22, ANYWHERE))) return;
  if (!(await steps.redeploy())) return;
  const clean = await steps.drift();
  if (clean === undefined) return;
  steps.check("drift: none once the SSH rule is gone and the stack deployed", !clean.drifted, `still: ${JSON.stringify({ resources: clean.resources, standing: clean.standing, opened: flowNames(clean.opened), closed: flowNames(clean.closed) })}`);
}

/**
 * endpoint-sharing: the spoke's association with the hub's private zone for an endpoint
 * removed outside Terraform. Drift must name the association and the spoke's HTTPS to
 * that endpoint's name as closed; after a deploy, none.
 */
export async function zoneAssociationDrift(steps: DriftSteps): Promise<void> {
  const association = resourcesOf(await steps.appliedState()).find((resource) => resource.type === "aws_route53_zone_association");
  if (!steps.check("drift: a zone association in the state", association !== undefined, "the applied state has no aws_route53_zone_association")) return;
  const { zone_id: zone, vpc_id: vpc, vpc_region: vpcRegion } = association!.values;
  if (!answered(steps, "drift: zone association removed by hand", await disassociateZone(steps.emulator, steps.region, text(zone), text(vpc), text(vpcRegion) || steps.region))) return;

  const changed = await steps.drift();
  if (changed === undefined) return;
  const gone = changed.resources.some((resource) => resource.address === association!.address && resource.change === "deleted");
  steps.check("drift: the association named", changed.drifted && gone, `resources drifted: ${JSON.stringify(changed.resources)}`);
  const closed = changed.closed.filter((flow) => flow.expectation === "intended");
  steps.check(
    "drift: the spoke's HTTPS to the endpoint's name closed",
    closed.length > 0 && closed.every((flow) => /\.amazonaws\.com$/.test(flow.to) && flow.traffic === "tcp/443"),
    `closed: ${flowNames(changed.closed)}`,
  );

  if (!(await steps.redeploy())) return;
  const clean = await steps.drift();
  if (clean === undefined) return;
  steps.check("drift: none after a deploy", !clean.drifted, `still: ${JSON.stringify({ resources: clean.resources, standing: clean.standing, opened: flowNames(clean.opened), closed: flowNames(clean.closed) })}`);
}
