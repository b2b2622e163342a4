import { resolveName } from "../../reachability/evaluate/dns";
import { evaluateFlow, type FlowStatus } from "../../reachability/evaluate/evaluate-flow";
import { describeParty, findElement, type DestinationSpec, type SourceSpec } from "../../reachability/evaluate/parties";
import { addressOf, expandFlows, type ExpandedFlow, type StackFlows } from "../../reachability/flows";
import type { Element, Instance, NetworkModel, Vpc } from "../../reachability/model";
import type { TerraformJson } from "../../terraform-json/read";
import { probeCommand, type ProbeKind, type ProbeTarget } from "./probe-commands";
import { destinationVpc, overlappingBlock, probeKindOf, probeTargetOf } from "./probe-targets";
import type { WayIn } from "./ways-in";

/** `way in`: the probe entering an instance; `traffic`: a flow; `dns`: what a flow's name resolves to from its source. */
export type RowCheck = "way in" | "traffic" | "dns";

/** A verdict of the verifier on the deployed model, or for a DNS row whether the answer must be a private address of the stack. */
export type Expectation = FlowStatus | "private" | "not private";

export interface PlannedProbe {
  /** Its place in the instance's session script. */
  readonly id: number;
  readonly kind: ProbeKind;
  readonly target: ProbeTarget;
  readonly command: string;
}

export interface PlannedRow {
  readonly check: RowCheck;
  readonly flow: string;
  /** What the stack declares of the flow; undefined for the probe's own way in and for DNS rows. */
  readonly declared?: "intended" | "must-not";
  readonly why: string;
  readonly expected: Expectation;
  readonly expectedReason: string;
  /** DNS rows: the blocks a private answer lies in (the VPC the name leads to, else every VPC of the stack). */
  readonly privateRanges?: readonly string[];
  /** The instance (model address) the probe runs on, or enters for a way-in row. */
  readonly instance?: string;
  readonly probe?: PlannedProbe;
  /** Why the flow is not probed; it is then neither a match nor a difference. */
  readonly notProbed?: string;
}

export interface ProbePlan {
  readonly stackName: string;
  readonly waysIn: ReadonlyMap<string, WayIn>;
  readonly rows: readonly PlannedRow[];
}

/** A person's name for a flow's party: an element's label, a DNS name, or a range's label. */
function labelOf(model: NetworkModel, party: SourceSpec | DestinationSpec): string {
  const lookups: readonly [string, Map<string, Element>, string][] = [
    ["instance", model.instances, "instance"],
    ["instanceConnectEndpoint", model.instanceConnectEndpoints, "Instance Connect endpoint"],
    ["loadBalancer", model.loadBalancers, "load balancer"],
    ["vpcEndpoint", model.vpcEndpoints, "VPC endpoint"],
  ];
  for (const [key, elements, kind] of lookups) {
    if (key in party) {
      const found = findElement(model, elements, kind, (party as Record<string, string>)[key]!);
      return found.ok ? found.value.label : describeParty(party);
    }
  }
  return describeParty(party);
}

export function flowText(model: NetworkModel, flow: Pick<ExpandedFlow, "from" | "to" | "trafficText">): string {
  return `${labelOf(model, flow.from)} -> ${labelOf(model, flow.to)} ${flow.trafficText}`;
}

function vpcOfInstance(model: NetworkModel, instance: Instance): Vpc | undefined {
  const subnet = typeof instance.subnet === "string" ? model.subnets.get(instance.subnet) : undefined;
  return typeof subnet?.vpc === "string" ? model.vpcs.get(subnet.vpc) : undefined;
}

/** The rows that probe a flow, or why its source cannot: `range` when the source is an address range, which no instance stands for. */
type Probeable = { readonly ok: true; readonly rows: PlannedRow[] } | { readonly ok: false; readonly problem: string; readonly range?: boolean };

/** Builds the rows of a stack's probe, numbering each probe in its instance's script. */
class Planner {
  readonly rows: PlannedRow[] = [];
  private readonly nextId = new Map<string, number>();

  constructor(
    private readonly model: NetworkModel,
    private readonly json: TerraformJson,
    private readonly waysIn: ReadonlyMap<string, WayIn>,
  ) {}

  private probe(instance: string, kind: ProbeKind, target: ProbeTarget): PlannedProbe {
    const id = this.nextId.get(instance) ?? 1;
    this.nextId.set(instance, id + 1);
    return { id, kind, target, command: probeCommand(kind, target) };
  }

  /** The rows that probe `flow` from its source instance, or why it cannot be probed from there. */
  rowsFor(flow: ExpandedFlow, declared: "intended" | "must-not"): Probeable {
    const { model } = this;
    const source = flow.from;
    if ("instanceConnectEndpoint" in source) return { ok: false, problem: this.instanceConnectProblem(flow) };
    if (!("instance" in source)) return { ok: false, problem: "an address range, no instance the probe can enter", range: true };
    const found = findElement(model, model.instances, "instance", source.instance);
    if (!found.ok) return { ok: false, problem: found.check.detail };
    const instance = found.value;
    const way = this.waysIn.get(instance.address);
    if (way === undefined || way.kind === "none") return { ok: false, problem: "no way in" };
    const kind = probeKindOf(model, flow.to, flow.traffic);
    if (kind === undefined) return { ok: false, problem: `no probe for ${flow.trafficText}: a datagram that gets no answer tells blocked from ignored no better than a guess` };
    const target = probeTargetOf(model, this.json, flow.to, flow.traffic);
    if (!target.ok) return { ok: false, problem: target.problem };
    const sourceVpc = vpcOfInstance(model, instance);
    const targetVpc = sourceVpc && destinationVpc(model, sourceVpc, flow.to);
    const overlap = sourceVpc && targetVpc && targetVpc.address !== sourceVpc.address ? overlappingBlock(sourceVpc, targetVpc) : undefined;
    if (overlap !== undefined) {
      return { ok: false, problem: `${labelOf(model, flow.to)} is in ${targetVpc!.label}, whose block overlaps ${sourceVpc!.label}'s ${overlap}: from here its address never leaves ${sourceVpc!.label}` };
    }
    const evaluated = evaluateFlow(model, flow);
    const rows: PlannedRow[] = [
      {
        check: "traffic",
        flow: flowText(model, flow),
        declared,
        why: flow.why,
        expected: evaluated.status,
        expectedReason: evaluated.reason,
        instance: instance.address,
        probe: this.probe(instance.address, kind, target.value),
      },
    ];
    if ("dnsName" in flow.to && sourceVpc !== undefined) rows.push(this.dnsRow(instance, sourceVpc, flow.to.dnsName, target.value.host));
    return { ok: true, rows };
  }

  /** An Instance Connect endpoint runs no commands: its flows are seen only when the probe enters an instance through it. */
  private instanceConnectProblem(flow: ExpandedFlow): string {
    const destination = "instance" in flow.to ? findElement(this.model, this.model.instances, "instance", flow.to.instance) : undefined;
    const way = destination?.ok ? this.waysIn.get(destination.value.address) : undefined;
    if (destination?.ok && way !== undefined) {
      const label = destination.value.label;
      if (way.kind === "none") return `tried only as the way into ${label}, which has none`;
      if (way.kind === "run-command") return `tried only as a way in, and ${label} is entered by Run Command`;
      return `tried only as a way in, and ${label} is entered through ${way.endpoint.label}`;
    }
    return "an Instance Connect endpoint runs no commands: it is tried only as a way into an instance";
  }

  /** What the name must resolve to from the instance's VPC: addresses in the VPC the zones lead to, or nothing private. */
  private dnsRow(instance: Instance, vpc: Vpc, name: string, host: string): PlannedRow {
    const { model } = this;
    const resolution = resolveName(model, vpc, name);
    const targetVpc = resolution.target && destinationVpc(model, vpc, { dnsName: name });
    const ranges = targetVpc?.cidrs.filter((cidr): cidr is string => typeof cidr === "string") ?? [];
    const leadsTo = resolution.target && (model.vpcEndpoints.get(resolution.target.address) ?? model.loadBalancers.get(resolution.target.address) ?? model.instances.get(resolution.target.address));
    const common = { check: "dns" as const, flow: `${instance.label} resolves ${name}`, why: `the name the flow uses, resolved in ${vpc.label}`, instance: instance.address, probe: this.probe(instance.address, "dns", { host }) };
    if (targetVpc !== undefined && ranges.length > 0) {
      return { ...common, expected: "private", expectedReason: `it leads to ${leadsTo?.label ?? resolution.target!.address} in ${targetVpc.label}`, privateRanges: ranges };
    }
    const deciding = resolution.checks.find((check) => check.outcome !== "pass") ?? resolution.checks.at(-1);
    const stackRanges = [...model.vpcs.values()].flatMap((each) => each.cidrs.filter((cidr): cidr is string => typeof cidr === "string"));
    return { ...common, expected: "not private", expectedReason: deciding?.detail ?? `nothing in the stack answers for ${name}`, privateRanges: stackRanges };
  }

  /** The first flow of `flows` the probe can see, else one row saying why none can be. */
  addFirstProbeable(flows: readonly ExpandedFlow[], declared: "intended" | "must-not", summary: { readonly flow: string; readonly why: string; readonly expected: Expectation }): void {
    const problems: string[] = [];
    let ranges = 0;
    for (const flow of flows) {
      const rows = this.rowsFor(flow, declared);
      if (rows.ok) {
        this.rows.push(...rows.rows);
        return;
      }
      if (rows.range) ranges += 1;
      else problems.push(`${labelOf(this.model, flow.from)}: ${rows.problem}`);
    }
    // Ranges (any other host in each subnet, the internet) are counted, not listed: a stack has one per subnet.
    const rangeText = ranges === 0 ? [] : [`${ranges} address range${ranges === 1 ? "" : "s"} (other hosts of a subnet, the internet): no instance stands for them`];
    this.rows.push({ check: "traffic", ...summary, declared, expectedReason: "", notProbed: `no source it must refuse can be probed: ${[...problems, ...rangeText].join("; ")}` });
  }

  add(flow: ExpandedFlow, declared: "intended" | "must-not"): void {
    const rows = this.rowsFor(flow, declared);
    if (rows.ok) {
      this.rows.push(...rows.rows);
      return;
    }
    const evaluated = evaluateFlow(this.model, flow);
    this.rows.push({ check: "traffic", flow: flowText(this.model, flow), declared, why: flow.why, expected: evaluated.status, expectedReason: evaluated.reason, notProbed: `${labelOf(this.model, flow.from)}: ${rows.problem}` });
  }

  /** The way into an instance as a row: Run Command delivered, or the Instance Connect endpoint's SSH (a declared flow where the stack says it). */
  addWayIn(way: WayIn, declaredFlows: readonly ExpandedFlow[]): ExpandedFlow | undefined {
    if (way.kind === "none") return undefined;
    if (way.kind === "run-command") {
      this.rows.push({ check: "way in", flow: `Run Command -> ${way.instance.label}`, why: "how the probe enters the instance", expected: "reachable", expectedReason: way.via, instance: way.instance.address });
      return undefined;
    }
    const declared = declaredFlows.find(
      (flow) =>
        flow.trafficText === "tcp/22" &&
        "instanceConnectEndpoint" in flow.from &&
        addressOf(this.model, flow.from) === way.endpoint.address &&
        addressOf(this.model, flow.to) === way.instance.address,
    );
    const flow: ExpandedFlow = declared ?? {
      expect: "reachable",
      from: { instanceConnectEndpoint: way.endpoint.address },
      to: { instance: way.instance.address },
      traffic: { protocol: "tcp", port: 22 },
      trafficText: "tcp/22",
      why: "how the probe enters the instance",
    };
    const evaluated = evaluateFlow(this.model, flow);
    this.rows.push({
      check: "way in",
      flow: flowText(this.model, flow),
      ...(declared ? { declared: "intended" as const } : {}),
      why: flow.why,
      expected: evaluated.status,
      expectedReason: evaluated.reason,
      instance: way.instance.address,
    });
    return declared;
  }
}

/**
 * What the probe of a deployed stack looks at: the way into each instance; every
 * intended flow, from its source instance; for every exclusive access and must-not
 * flow, at least one flow that must be blocked, from a source the probe can enter and
 * whose address space does not hide the destination. What cannot be probed is a row
 * that says why, never a guess.
 */
export function planProbe(stackName: string, model: NetworkModel, json: TerraformJson, flows: StackFlows, waysIn: ReadonlyMap<string, WayIn>): ProbePlan {
  const planner = new Planner(model, json, waysIn);
  const intended = expandFlows(model, { intended: flows.intended, exclusive: [] });
  const entered = new Set<ExpandedFlow>();
  for (const way of waysIn.values()) {
    const declared = planner.addWayIn(way, intended);
    if (declared) entered.add(declared);
  }
  for (const flow of intended) {
    if (!entered.has(flow)) planner.add(flow, "intended");
  }
  for (const declaration of flows.mustNot ?? []) {
    for (const flow of expandFlows(model, { intended: [], mustNot: [declaration], exclusive: [] })) planner.add(flow, "must-not");
  }
  for (const access of flows.exclusive) {
    const blocked = expandFlows(model, { intended: [], exclusive: [access] });
    const anyOther = access.onlyFrom.length === 0 ? "anything" : "anything else";
    planner.addFirstProbeable(blocked, "must-not", { flow: `${anyOther} -> ${labelOf(model, access.to)} ${access.traffic}`, why: access.why, expected: "blocked" });
  }
  return { stackName, waysIn, rows: planner.rows };
}
