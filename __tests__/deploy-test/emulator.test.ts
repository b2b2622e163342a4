import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Emulator } from "../../src/deploy-test/emulator";
import { findMoto } from "../../src/deploy-test/toolchain";
import { tempDir } from "../support/synth";

const moto = findMoto(process.env);
const skip = moto.ok ? undefined : moto.reason;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(skip !== undefined)(`the emulator${skip ? ` (skipped: ${skip})` : ""}`, () => {
  it("listens on loopback on a port of its own, with the fixes, and is stopped by its own PID", async () => {
    const log = join(tempDir(), "moto.log");
    const emulator = await Emulator.start(moto.ok ? moto.value.python : "", log);
    try {
      expect(emulator.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(alive(emulator.pid)).toBe(true);
      const response = await fetch(`${emulator.endpoint}/?Action=DescribeInstanceConnectEndpoints&Version=2016-11-15`, {
        headers: { Authorization: "AWS4-HMAC-SHA256 Credential=test/20260101/ap-northeast-1/ec2/aws4_request, SignedHeaders=host, Signature=x" },
      });
      // moto alone answers 500 for this call; the fixed one serves it.
      expect(response.status).toBe(200);
      expect(await response.text()).toMatch(/DescribeInstanceConnectEndpointsResponse/);
    } finally {
      await emulator.stop();
    }
    expect(alive(emulator.pid)).toBe(false);
    expect(existsSync(log)).toBe(true);
  }, 60_000);
});
