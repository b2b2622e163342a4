import type { NetworkModel } from "../../reachability/model";
import { compareDns, compareTraffic } from "./compare";
import { instanceConnectSession } from "./instance-connect";
import { longestSeconds } from "./probe-commands";
import type { PlannedRow, ProbePlan } from "./probe-plan";
import { summarize, type ProbeReport, type ProbeRowReport, type WayInReport } from "./probe-report";
import { readDns, readObservation } from "./read-observation";
import { runCommandSessions, type Clock } from "./run-command";
import { readSessionOutput, sessionScript, type SessionOutput } from "./session-script";
import type { SessionResult } from "./session-result";
import type { ToolRunner } from "./tool-runner";
import type { WayIn } from "./ways-in";

export interface ExecuteOptions {
  readonly run: ToolRunner;
  readonly clock: Clock;
  /** Marks the session's output (session-script.ts); random per run. */
  readonly nonce: string;
  readonly region: string;
  readonly account?: string;
  readonly model: NetworkModel;
}

/** Seconds a session may take beyond its probes: the shell starting, the answer coming back. */
const SESSION_MARGIN_SECONDS = 30;

function wayInReport(way: WayIn): WayInReport {
  const base = { instance: way.instance.label, ...(way.instanceId === undefined ? {} : { instanceId: way.instanceId }) };
  return way.kind === "none" ? { ...base, way: "none", detail: way.reason } : { ...base, way: way.kind, detail: way.via };
}

interface Entered {
  readonly way: Exclude<WayIn, { kind: "none" }>;
  readonly rows: readonly PlannedRow[];
  readonly script: string;
  readonly seconds: number;
}

/** The row as reported, from what its session printed. */
function observedRow(row: PlannedRow, session: SessionResult | undefined, output: SessionOutput | undefined, wayName: string, instanceLabel: string | undefined): ProbeRowReport {
  const base = {
    check: row.check,
    flow: row.flow,
    ...(row.declared === undefined ? {} : { declared: row.declared }),
    why: row.why,
    expected: row.expected,
    expectedReason: row.expectedReason,
    ...(instanceLabel === undefined ? {} : { instance: instanceLabel }),
    ...(row.probe === undefined ? {} : { command: row.probe.command }),
  };
  if (row.notProbed !== undefined) return { ...base, observed: "not probed", evidence: row.notProbed, result: "not probed" };
  if (session === undefined) return { ...base, observed: "not run", evidence: "the probe did not enter the instance", result: "could not run" };
  if (row.check === "way in") {
    if (!session.ran) return { ...base, observed: session.wayIn, evidence: session.evidence, result: session.wayIn === "blocked" ? (row.expected === "reachable" ? "differs" : "match") : "could not run" };
    if (output?.host === undefined) return { ...base, observed: "error", evidence: `${wayName} ended without the probe script's output${session.note === undefined ? "" : ` (${session.note})`}`, result: "could not run" };
    const evidence = `${wayName}: a shell on ${output.host}${session.note === undefined ? "" : `; ${session.note}`}`;
    return { ...base, observed: "reachable", evidence, result: row.expected === "reachable" ? "match" : row.expected === "blocked" ? "differs" : "no expectation" };
  }
  if (!session.ran) return { ...base, observed: "not run", evidence: `${wayName}: ${session.evidence}`, result: "could not run" };
  const probe = row.probe!;
  const printed = output?.probes.get(probe.id);
  if (printed === undefined) {
    const why = output?.cutOff.includes(probe.id) ? "the session was cut off during it" : "the session printed nothing for it";
    return { ...base, observed: "not run", evidence: `${why}${session.note === undefined ? "" : ` (${session.note})`}`, result: "could not run" };
  }
  if (probe.kind === "dns") {
    const dns = readDns(printed);
    const { observed, result } = compareDns(row.expected, row.privateRanges ?? [], dns);
    return { ...base, observed, evidence: dns.evidence, result };
  }
  const observation = readObservation(probe.kind, printed);
  return { ...base, observed: observation.observed, evidence: observation.evidence, result: compareTraffic(row.expected, observation) };
}

/**
 * Enters each instance the plan needs, once, runs its probes, and reads back each row:
 * Run Command sessions are sent first and polled while the Instance Connect sessions
 * run, one after another. Nothing is written to the stack: a command invocation and a
 * 60-second key are all the probe leaves in AWS.
 */
export async function executeProbe(plan: ProbePlan, options: ExecuteOptions): Promise<ProbeReport> {
  const entered: Entered[] = [];
  for (const way of plan.waysIn.values()) {
    if (way.kind === "none") continue;
    const rows = plan.rows.filter((row) => row.instance === way.instance.address);
    if (rows.length === 0) continue;
    const probes = rows.flatMap((row) => (row.probe === undefined ? [] : [row.probe]));
    entered.push({ way, rows, script: sessionScript(probes, options.nonce), seconds: probes.reduce((sum, probe) => sum + longestSeconds(probe.kind), 0) + SESSION_MARGIN_SECONDS });
  }
  const byRunCommand = entered.filter((entry) => entry.way.kind === "run-command");
  const sessions = new Map<string, SessionResult>();
  const polled = runCommandSessions(
    options.run,
    byRunCommand.map((entry) => ({ instanceId: entry.way.instanceId, region: entry.way.region, script: entry.script, executionSeconds: entry.seconds, comment: `privnet probe ${plan.stackName}: ${entry.way.instance.label}` })),
    options.clock,
  );
  for (const entry of entered) {
    if (entry.way.kind !== "instance-connect") continue;
    sessions.set(entry.way.instance.address, instanceConnectSession(options.run, { instanceId: entry.way.instanceId, endpointId: entry.way.endpointId, region: entry.way.region, script: entry.script, timeoutSeconds: entry.seconds }));
  }
  (await polled).forEach((result, index) => sessions.set(byRunCommand[index]!.way.instance.address, result));
  const outputs = new Map([...sessions].map(([address, result]) => [address, result.ran ? readSessionOutput(result.stdout, options.nonce) : undefined]));
  const wayName = (address: string | undefined) => {
    const way = address === undefined ? undefined : plan.waysIn.get(address);
    return way?.kind === "run-command" ? "Run Command" : way?.kind === "instance-connect" ? `SSH through ${way.endpointId}` : "no way in";
  };
  const rows = plan.rows.map((row) => {
    const address = row.instance;
    const label = address === undefined ? undefined : options.model.instances.get(address)?.label;
    return observedRow(row, address === undefined ? undefined : sessions.get(address), address === undefined ? undefined : outputs.get(address), wayName(address), label);
  });
  return {
    stack: plan.stackName,
    ...(options.account === undefined ? {} : { account: options.account }),
    region: options.region,
    resources: options.model.resourceCount,
    waysIn: [...plan.waysIn.values()].map(wayInReport),
    rows,
    summary: summarize(rows),
  };
}
