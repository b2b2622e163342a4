import { isIpv4Address } from "../../config/cidr";
import { shellQuote } from "./shell-quote";

/**
 * What an instance runs to see one flow. Each kind uses only what the Amazon Linux 2023
 * AMI the stacks launch carries: iputils ping, curl, bash with coreutils' timeout, and
 * dig (bind-utils, which article 001 ran on it), with glibc's getent where dig is gone.
 * nc is not installed there, so a plain TCP connection goes through bash's /dev/tcp.
 */
export type ProbeKind = "ping" | "http" | "tcp" | "dns";

/** Echo requests per ping, as the stack's ping-command output sends them. */
export const PING_COUNT = 4;
/** Seconds ping waits for each reply. */
export const PING_WAIT_SECONDS = 2;
/** Seconds a TCP connection may take before the flow counts as blocked: security groups drop, they never refuse. */
export const CONNECT_TIMEOUT_SECONDS = 5;
/** Seconds curl may take in all, once connected. */
export const HTTP_MAX_SECONDS = 10;

/** What a probe is sent to: an IPv4 address or a DNS name, and a TCP port where the kind has one. */
export interface ProbeTarget {
  readonly host: string;
  readonly port?: number;
}

const DNS_NAME = /^(?=.{1,253}\.?$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?)*\.?$/i;

/** Why a value from the state cannot be a probe's target, or undefined when it can. */
export function targetProblem(target: ProbeTarget): string | undefined {
  if (!isIpv4Address(target.host) && !DNS_NAME.test(target.host)) return `${JSON.stringify(target.host)} is neither an IPv4 address nor a DNS name`;
  if (target.port !== undefined && !(Number.isInteger(target.port) && target.port >= 1 && target.port <= 65535)) return `port ${String(target.port)} is not a TCP port`;
  return undefined;
}

function portOf(kind: ProbeKind, target: ProbeTarget): number {
  if (target.port === undefined) throw new Error(`a ${kind} probe needs a port (${target.host})`);
  return target.port;
}

/** The shell command line that probes `target`; every value from the state is quoted. */
export function probeCommand(kind: ProbeKind, target: ProbeTarget): string {
  const problem = targetProblem(target);
  if (problem !== undefined) throw new Error(problem);
  const host = shellQuote(target.host);
  switch (kind) {
    case "ping":
      return `ping -c ${PING_COUNT} -W ${PING_WAIT_SECONDS} ${host}`;
    case "http":
      // -w prints the status and the address connected to even when the transfer fails (000 and nothing).
      return `curl -sS -o /dev/null -w '%{http_code} %{remote_ip}\\n' --connect-timeout ${CONNECT_TIMEOUT_SECONDS} --max-time ${HTTP_MAX_SECONDS} ${shellQuote(`http://${target.host}:${portOf(kind, target)}/`)}`;
    case "tcp":
      // Host and port reach bash -c as arguments ($0, $1), never as part of its script.
      return `timeout ${CONNECT_TIMEOUT_SECONDS} bash -c 'exec 3<>"/dev/tcp/$0/$1"' ${host} ${shellQuote(String(portOf(kind, target)))}`;
    case "dns":
      return `if command -v dig >/dev/null 2>&1; then dig +time=2 +tries=2 +noall +comments +answer ${host} A; else getent ahostsv4 ${host}; fi`;
  }
}

/** The longest a probe of each kind runs, for the session's time limit. */
export function longestSeconds(kind: ProbeKind): number {
  switch (kind) {
    case "ping":
      return PING_COUNT + PING_WAIT_SECONDS;
    case "http":
      return HTTP_MAX_SECONDS;
    case "tcp":
      return CONNECT_TIMEOUT_SECONDS;
    case "dns":
      // dig +time=2 +tries=2 against each of the resolvers resolv.conf lists; the VPC gives one.
      return 4;
  }
}
