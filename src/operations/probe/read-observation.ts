import { isIpv4Address } from "../../config/cidr";
import { CONNECT_TIMEOUT_SECONDS, HTTP_MAX_SECONDS, type ProbeKind } from "./probe-commands";

/**
 * What an instance saw of one flow. `reachable` and `blocked` are what the verifier
 * can expect; the others are answers the network gave that are neither, kept apart so
 * that none passes for the other: `lossy` (some pings lost), `refused` (the network let
 * the connection through and nothing listens: security groups drop, they never refuse),
 * `unresolved` (the name has no address), `server-error` (an HTTP 5xx: a load balancer
 * whose targets did not answer), `no-answer` (connected, then silence), `error` (the
 * probe itself failed).
 */
export type Observed = "reachable" | "blocked" | "lossy" | "refused" | "unresolved" | "server-error" | "no-answer" | "error";

export interface Observation {
  readonly observed: Observed;
  /** One line of what the instance printed that shows it. */
  readonly evidence: string;
}

/** What one probe command left: its exit status and its output, standard error folded in. */
export interface ProbeOutput {
  readonly exitCode: number;
  readonly output: string;
}

const lines = (text: string): string[] =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");

function firstLine(output: ProbeOutput, fallback: string): string {
  return lines(output.output)[0] ?? fallback;
}

const UNREACHABLE = /No route to host|Network is unreachable|Host is unreachable|Destination (?:Host|Net|Network) Unreachable/i;
const UNRESOLVED = /Name or service not known|Temporary failure in name resolution|No address associated with hostname|unknown host|Could not resolve host/i;

function readPing(result: ProbeOutput): Observation {
  const summaryLine = lines(result.output).find((line) => /packets transmitted/.test(line));
  const summary = summaryLine === undefined ? undefined : /(\d+) packets transmitted, (\d+) (?:packets )?received/.exec(summaryLine);
  if (summaryLine !== undefined && summary) {
    const sent = Number(summary[1]);
    const received = Number(summary[2]);
    const unreachable = lines(result.output).find((line) => UNREACHABLE.test(line));
    if (received === 0) return { observed: "blocked", evidence: unreachable === undefined ? summaryLine : `${summaryLine}; ${unreachable}` };
    return { observed: received < sent ? "lossy" : "reachable", evidence: summaryLine };
  }
  const failure = firstLine(result, `ping exit ${result.exitCode} without output`);
  if (UNREACHABLE.test(failure)) return { observed: "blocked", evidence: failure };
  if (UNRESOLVED.test(failure)) return { observed: "unresolved", evidence: failure };
  return { observed: "error", evidence: failure };
}

function readHttp(result: ProbeOutput): Observation {
  const written = /^(\d{3}) ?(\S*)$/m.exec(result.output);
  const message = /curl: \(\d+\) (.*)/.exec(result.output)?.[1]?.trim();
  const detail = `curl exit ${result.exitCode}${message === undefined ? "" : `: ${message}`}`;
  switch (result.exitCode) {
    case 0: {
      const status = Number(written?.[1] ?? "0");
      const from = written?.[2] ? ` from ${written[2]}` : "";
      if (status >= 500) return { observed: "server-error", evidence: `HTTP ${status}${from}: the server or load balancer answered with an error` };
      if (status === 0) return { observed: "error", evidence: `${detail}, and no HTTP status` };
      return { observed: "reachable", evidence: `HTTP ${status}${from}` };
    }
    case 6:
      return { observed: "unresolved", evidence: detail };
    case 7:
      // curl since 7.7x says only "Couldn't connect to server": in a VPC an immediate failure is a reset, since
      // security groups, network ACLs and missing routes all drop silently and end in exit 28.
      if (UNREACHABLE.test(message ?? "")) return { observed: "blocked", evidence: detail };
      return { observed: "refused", evidence: /refused/i.test(message ?? "") ? detail : `${detail} (an immediate answer: something on the path refused it)` };
    case 28:
      if (/Resolving timed out/i.test(message ?? "")) return { observed: "unresolved", evidence: detail };
      // Past the connect timeout the connection was made: the server kept silent.
      if (/Operation timed out after \d+ milliseconds with/i.test(message ?? "")) {
        return { observed: "no-answer", evidence: `${detail} (connected, no answer within ${HTTP_MAX_SECONDS} s)` };
      }
      return { observed: "blocked", evidence: detail };
    case 52:
    case 56:
      return { observed: "no-answer", evidence: detail };
    default:
      return { observed: "error", evidence: detail };
  }
}

/** coreutils' timeout exits with this when it had to stop the command. */
const TIMED_OUT = 124;

function readTcp(result: ProbeOutput): Observation {
  if (result.exitCode === 0) return { observed: "reachable", evidence: "connected" };
  if (result.exitCode === TIMED_OUT) return { observed: "blocked", evidence: `no connection within ${CONNECT_TIMEOUT_SECONDS} s` };
  const all = lines(result.output);
  const line = (pattern: RegExp) => all.find((candidate) => pattern.test(candidate));
  const refused = line(/Connection refused/i);
  if (refused !== undefined) return { observed: "refused", evidence: refused };
  const unreachable = line(UNREACHABLE);
  if (unreachable !== undefined) return { observed: "blocked", evidence: unreachable };
  const unresolved = line(UNRESOLVED);
  if (unresolved !== undefined) return { observed: "unresolved", evidence: unresolved };
  return { observed: "error", evidence: `exit ${result.exitCode}: ${firstLine(result, "no output")}` };
}

/** What a name resolved to, as dig or getent printed it. */
export interface DnsObservation {
  /** `answered` with addresses; `nxdomain`: the name does not exist; `no-data`: it exists without an A record (or getent cannot tell which). */
  readonly observed: "answered" | "nxdomain" | "no-data" | "error";
  readonly addresses: readonly string[];
  readonly evidence: string;
}

/** dig exits with this when no server answered. */
const DIG_NO_SERVER = 9;
/** getent exits with this when the key is not found. */
const GETENT_NOT_FOUND = 2;

export function readDns(result: ProbeOutput): DnsObservation {
  const all = lines(result.output);
  const header = all.map((line) => /->>HEADER<<-.*status: ([A-Z]+)/.exec(line)?.[1]).find((status) => status !== undefined);
  if (header !== undefined) {
    const addresses = [...new Set(all.flatMap((line) => /^\S+\s+\d+\s+IN\s+A\s+(\S+)$/.exec(line)?.[1] ?? []).filter(isIpv4Address))];
    if (header === "NOERROR") {
      return addresses.length > 0
        ? { observed: "answered", addresses, evidence: `dig: NOERROR ${addresses.join(" ")}` }
        : { observed: "no-data", addresses, evidence: "dig: NOERROR without an A record" };
    }
    return { observed: header === "NXDOMAIN" ? "nxdomain" : "error", addresses: [], evidence: `dig: ${header}` };
  }
  if (result.exitCode === DIG_NO_SERVER || all.some((line) => /no servers could be reached/.test(line))) {
    return { observed: "error", addresses: [], evidence: `dig: ${all.find((line) => /timed out|no servers/.test(line)) ?? "no DNS server answered"}` };
  }
  const getent = [...new Set(all.flatMap((line) => /^(\d+\.\d+\.\d+\.\d+)\s/.exec(line)?.[1] ?? []))];
  if (result.exitCode === 0 && getent.length > 0) return { observed: "answered", addresses: getent, evidence: `getent: ${getent.join(" ")}` };
  if (result.exitCode === GETENT_NOT_FOUND) return { observed: "no-data", addresses: [], evidence: "getent: no address (no such name, or no A record)" };
  return { observed: "error", addresses: [], evidence: `exit ${result.exitCode}: ${firstLine(result, "no output")}` };
}

/** What the output of a traffic probe says about its flow. */
export function readObservation(kind: Exclude<ProbeKind, "dns">, result: ProbeOutput): Observation {
  switch (kind) {
    case "ping":
      return readPing(result);
    case "http":
      return readHttp(result);
    case "tcp":
      return readTcp(result);
  }
}
