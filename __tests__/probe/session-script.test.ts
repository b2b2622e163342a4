import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { readSessionOutput, sessionScript } from "../../src/operations/probe/session-script";

const NONCE = "0123456789abcdef";

describe("the script a session runs", () => {
  it("runs every probe in turn, each one's output and status between markers, after the host's name", () => {
    const script = sessionScript(
      [
        { id: 1, command: "printf 'out\\n'; printf 'err\\n' >&2; (exit 7)" },
        { id: 2, command: "true" },
      ],
      NONCE,
    );
    const ran = spawnSync("bash", ["-s"], { input: script, encoding: "utf8" });
    expect(ran.status).toBe(0);
    const read = readSessionOutput(ran.stdout, NONCE);
    expect(read.host).toBe(spawnSync("hostname", { encoding: "utf8" }).stdout.trim());
    expect(read.probes.get(1)).toEqual({ exitCode: 7, output: "out\nerr" });
    expect(read.probes.get(2)).toEqual({ exitCode: 0, output: "" });
    expect(read.cutOff).toEqual([]);
  });

  it("names the probes a session was cut off in, and takes no marker without the session's nonce", () => {
    const printed = [
      `privnet-probe-${NONCE}-host ip-10-0-1-4`,
      `privnet-probe-${NONCE}-begin 1`,
      "privnet-probe-ffffffffffffffff-end 1 0",
      `privnet-probe-${NONCE}-end 1 28`,
      `privnet-probe-${NONCE}-begin 2`,
      "PING 10.0.0.1",
    ].join("\n");
    const read = readSessionOutput(printed, NONCE);
    expect(read.probes.get(1)).toEqual({ exitCode: 28, output: "privnet-probe-ffffffffffffffff-end 1 0" });
    expect(read.cutOff).toEqual([2]);
  });

  it("refuses a nonce that is not hex, which would go into the script and its patterns", () => {
    expect(() => sessionScript([], "x'; reboot; '")).toThrow(/8 to 32 hex digits/);
  });
});
