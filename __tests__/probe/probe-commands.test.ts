import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { probeCommand, targetProblem } from "../../src/operations/probe/probe-commands";
import { shellQuote } from "../../src/operations/probe/shell-quote";

describe("the command line of each kind of traffic", () => {
  it("pings an address four times, two seconds for each reply, as the stack's ping-command does", () => {
    expect(probeCommand("ping", { host: "172.18.1.23" })).toBe("ping -c 4 -W 2 '172.18.1.23'");
  });

  it("curls plain HTTP with a connect timeout, printing only the status and the address answered from", () => {
    expect(probeCommand("http", { host: "alb.home", port: 80 })).toBe(
      "curl -sS -o /dev/null -w '%{http_code} %{remote_ip}\\n' --connect-timeout 5 --max-time 10 'http://alb.home:80/'",
    );
  });

  it("opens other TCP ports through bash's /dev/tcp under timeout, host and port passed as arguments", () => {
    expect(probeCommand("tcp", { host: "192.168.100.58", port: 22 })).toBe("timeout 5 bash -c 'exec 3<>\"/dev/tcp/$0/$1\"' '192.168.100.58' '22'");
  });

  it("asks dig for the A records with its header (NXDOMAIN shows there), getent where dig is missing", () => {
    expect(probeCommand("dns", { host: "ssm.ap-northeast-1.amazonaws.com" })).toBe(
      "if command -v dig >/dev/null 2>&1; then dig +time=2 +tries=2 +noall +comments +answer 'ssm.ap-northeast-1.amazonaws.com' A; else getent ahostsv4 'ssm.ap-northeast-1.amazonaws.com'; fi",
    );
  });

  it("refuses a target from the state that is neither an address nor a DNS name, or a port out of range", () => {
    expect(targetProblem({ host: "x; rm -rf /" })).toBe('"x; rm -rf /" is neither an IPv4 address nor a DNS name');
    expect(targetProblem({ host: "10.0.0.1", port: 70000 })).toBe("port 70000 is not a TCP port");
    expect(() => probeCommand("ping", { host: "$(reboot)" })).toThrow(/neither an IPv4 address nor a DNS name/);
    expect(targetProblem({ host: "vpce-0123-abcd.vpce-svc-0123.ap-northeast-1.vpce.amazonaws.com", port: 80 })).toBeUndefined();
  });
});

describe("shell quoting", () => {
  it("hands every value to the shell literally, quotes, dollars and backticks included", () => {
    for (const value of ["plain", "it's", "$(reboot)", "`id`", "a b\tc", "'", "\\'\"", ""]) {
      const echoed = spawnSync("sh", ["-c", `printf %s ${shellQuote(value)}`], { encoding: "utf8" });
      expect(echoed.stdout).toBe(value);
    }
  });
});
