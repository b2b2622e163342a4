import { describe, expect, it } from "vitest";
import { readDns, readObservation } from "../../src/operations/probe/read-observation";

/** Output as the probe's session gives it: the command's standard output and error together, then its exit status. */
const out = (exitCode: number, ...lines: string[]) => ({ exitCode, output: lines.join("\n") });

// ping and dig print these formats (iputils on Amazon Linux 2023, BIND 9.18); the dig
// answers are article 001's. curl's, bash's and getent's were recorded with curl 7.88,
// bash 5.2 and glibc 2.36.
const pingStats = (sent: number, received: number, extra = "") => [
  "PING 172.18.1.4 (172.18.1.4) 56(84) bytes of data.",
  ...Array.from({ length: received }, (_, index) => `64 bytes from 172.18.1.4: icmp_seq=${index + 1} ttl=127 time=0.61 ms`),
  "",
  "--- 172.18.1.4 ping statistics ---",
  `${sent} packets transmitted, ${received} received,${extra} ${Math.round((100 * (sent - received)) / sent)}% packet loss, time 3047ms`,
];

describe("reading ping", () => {
  it("sees the flow reachable when every echo came back", () => {
    expect(readObservation("ping", out(0, ...pingStats(4, 4), "rtt min/avg/max/mdev = 0.512/0.571/0.612/0.038 ms"))).toEqual({
      observed: "reachable",
      evidence: "4 packets transmitted, 4 received, 0% packet loss, time 3047ms",
    });
  });

  it("keeps partial loss apart: neither reachable nor blocked", () => {
    expect(readObservation("ping", out(0, ...pingStats(4, 3)))).toEqual({ observed: "lossy", evidence: "4 packets transmitted, 3 received, 25% packet loss, time 3047ms" });
  });

  it("sees it blocked when nothing came back, with the unreachable host's message when there was one", () => {
    expect(readObservation("ping", out(1, ...pingStats(4, 0)))).toEqual({ observed: "blocked", evidence: "4 packets transmitted, 0 received, 100% packet loss, time 3047ms" });
    const unreachable = readObservation("ping", out(1, "From 10.0.1.1 icmp_seq=1 Destination Host Unreachable", ...pingStats(4, 0, " +4 errors,")));
    expect(unreachable).toEqual({ observed: "blocked", evidence: "4 packets transmitted, 0 received, +4 errors, 100% packet loss, time 3047ms; From 10.0.1.1 icmp_seq=1 Destination Host Unreachable" });
  });

  it("reads a failure to send as what it is", () => {
    expect(readObservation("ping", out(2, "ping: connect: Network is unreachable"))).toEqual({ observed: "blocked", evidence: "ping: connect: Network is unreachable" });
    expect(readObservation("ping", out(127, "sh: ping: command not found"))).toEqual({ observed: "error", evidence: "sh: ping: command not found" });
  });
});

describe("reading curl", () => {
  it("sees the flow reachable on any answer below 500, with the status and the address that answered", () => {
    expect(readObservation("http", out(0, "200 10.2.2.171"))).toEqual({ observed: "reachable", evidence: "HTTP 200 from 10.2.2.171" });
    expect(readObservation("http", out(0, "404 10.255.255.1"))).toEqual({ observed: "reachable", evidence: "HTTP 404 from 10.255.255.1" });
  });

  it("keeps a 5xx apart: a load balancer answered for targets that did not", () => {
    expect(readObservation("http", out(0, "503 10.2.1.175"))).toEqual({ observed: "server-error", evidence: "HTTP 503 from 10.2.1.175: the server or load balancer answered with an error" });
  });

  it("reads exit 6 as a name without an address", () => {
    expect(readObservation("http", out(6, "curl: (6) Could not resolve host: nothing.invalid", "000 "))).toEqual({ observed: "unresolved", evidence: "curl exit 6: Could not resolve host: nothing.invalid" });
  });

  it("reads exit 7 as refused (the network answered at once; groups drop silently), or blocked when the host was unreachable", () => {
    expect(readObservation("http", out(7, "curl: (7) Failed to connect to 127.0.0.1 port 1 after 0 ms: Couldn't connect to server", "000 "))).toEqual({
      observed: "refused",
      evidence: "curl exit 7: Failed to connect to 127.0.0.1 port 1 after 0 ms: Couldn't connect to server (an immediate answer: something on the path refused it)",
    });
    expect(readObservation("http", out(7, "curl: (7) Failed to connect to 10.2.1.4 port 8080: No route to host", "000 "))).toEqual({
      observed: "blocked",
      evidence: "curl exit 7: Failed to connect to 10.2.1.4 port 8080: No route to host",
    });
  });

  it("reads exit 28 before a connection as blocked, after one as a server that kept silent", () => {
    expect(readObservation("http", out(28, "curl: (28) Connection timed out after 5001 milliseconds", "000 "))).toEqual({ observed: "blocked", evidence: "curl exit 28: Connection timed out after 5001 milliseconds" });
    expect(readObservation("http", out(28, "curl: (28) Failed to connect to 172.16.2.4 port 80 after 5002 ms: Timeout was reached", "000 "))).toMatchObject({ observed: "blocked" });
    expect(readObservation("http", out(28, "curl: (28) Operation timed out after 10001 milliseconds with 0 bytes received", "000 10.2.1.4"))).toEqual({
      observed: "no-answer",
      evidence: "curl exit 28: Operation timed out after 10001 milliseconds with 0 bytes received (connected, no answer within 10 s)",
    });
    expect(readObservation("http", out(28, "curl: (28) Resolving timed out after 5000 milliseconds", "000 "))).toMatchObject({ observed: "unresolved" });
  });

  it("reports any other exit as the probe's own error, never as a verdict", () => {
    expect(readObservation("http", out(35, "curl: (35) OpenSSL SSL_connect: Connection reset by peer", "000 "))).toEqual({ observed: "error", evidence: "curl exit 35: OpenSSL SSL_connect: Connection reset by peer" });
  });
});

describe("reading a TCP connection through bash", () => {
  it("sees it reachable on exit 0 and blocked when timeout stopped it (124)", () => {
    expect(readObservation("tcp", out(0))).toEqual({ observed: "reachable", evidence: "connected" });
    expect(readObservation("tcp", out(124))).toEqual({ observed: "blocked", evidence: "no connection within 5 s" });
  });

  it("tells a refusal, an unreachable host and an unknown name apart", () => {
    expect(readObservation("tcp", out(1, "127.0.0.1: connect: Connection refused", "127.0.0.1: line 1: /dev/tcp/127.0.0.1/1: Connection refused"))).toEqual({
      observed: "refused",
      evidence: "127.0.0.1: connect: Connection refused",
    });
    expect(readObservation("tcp", out(1, "10.9.0.1: connect: No route to host"))).toEqual({ observed: "blocked", evidence: "10.9.0.1: connect: No route to host" });
    expect(readObservation("tcp", out(1, "nothing.invalid: line 1: nothing.invalid: Name or service not known", "nothing.invalid: line 1: /dev/tcp/nothing.invalid/443: Invalid argument"))).toEqual({
      observed: "unresolved",
      evidence: "nothing.invalid: line 1: nothing.invalid: Name or service not known",
    });
    expect(readObservation("tcp", out(127, "sh: timeout: command not found"))).toEqual({ observed: "error", evidence: "exit 127: sh: timeout: command not found" });
  });
});

describe("reading DNS answers", () => {
  const header = (status: string, answers: number) => [";; Got answer:", `;; ->>HEADER<<- opcode: QUERY, status: ${status}, id: 41020`, `;; flags: qr rd ra; QUERY: 1, ANSWER: ${answers}, AUTHORITY: 0, ADDITIONAL: 1`, "", ";; OPT PSEUDOSECTION:", "; EDNS: version: 0, flags:; udp: 4096"];

  it("collects dig's A records", () => {
    const answer = out(0, ...header("NOERROR", 2), ";; ANSWER SECTION:", "ssm.ap-northeast-1.amazonaws.com. 60 IN\tA\t172.16.100.126", "ssm.ap-northeast-1.amazonaws.com. 60 IN\tA\t172.16.200.45");
    expect(readDns(answer)).toEqual({ observed: "answered", addresses: ["172.16.100.126", "172.16.200.45"], evidence: "dig: NOERROR 172.16.100.126 172.16.200.45" });
  });

  it("tells NXDOMAIN, a name without an A record and a failing server apart", () => {
    expect(readDns(out(0, ...header("NXDOMAIN", 0)))).toEqual({ observed: "nxdomain", addresses: [], evidence: "dig: NXDOMAIN" });
    expect(readDns(out(0, ...header("NOERROR", 0)))).toEqual({ observed: "no-data", addresses: [], evidence: "dig: NOERROR without an A record" });
    expect(readDns(out(0, ...header("SERVFAIL", 0)))).toEqual({ observed: "error", addresses: [], evidence: "dig: SERVFAIL" });
    expect(readDns(out(9, ";; communications error to 10.0.0.2#53: timed out", ";; no servers could be reached"))).toEqual({ observed: "error", addresses: [], evidence: "dig: ;; communications error to 10.0.0.2#53: timed out" });
  });

  it("reads getent where dig is missing, which cannot tell NXDOMAIN from no A record", () => {
    expect(readDns(out(0, "127.0.0.1       STREAM localhost", "127.0.0.1       DGRAM  ", "127.0.0.1       RAW    "))).toEqual({ observed: "answered", addresses: ["127.0.0.1"], evidence: "getent: 127.0.0.1" });
    expect(readDns(out(2))).toEqual({ observed: "no-data", addresses: [], evidence: "getent: no address (no such name, or no A record)" });
  });
});
