import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatedS3Headers, Emulator } from "../../src/deploy-test/emulator";
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
  const log = join(tempDir(), "moto.log");
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await Emulator.start(moto.ok ? moto.value.python : "", log);
  }, 60_000);
  // Also when a test failed: a server started here never outlives the file.
  afterAll(() => emulator?.stop());

  it("listens on loopback on a port of its own, with the fixes", async () => {
    expect(emulator.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(alive(emulator.pid)).toBe(true);
    const response = await fetch(`${emulator.endpoint}/?Action=DescribeInstanceConnectEndpoints&Version=2016-11-15`, {
      headers: { Authorization: "AWS4-HMAC-SHA256 Credential=test/20260101/ap-northeast-1/ec2/aws4_request, SignedHeaders=host, Signature=x" },
    });
    // moto alone answers 500 for this call; the fixed one serves it.
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/DescribeInstanceConnectEndpointsResponse/);
  });

  it("judges the state bucket's policy as AWS would for the TLS 1.2 connection the provider makes: TLS-only admits it, a stricter or inverted policy and an unconditional deny refuse it", async () => {
    const bucket = `${emulator.endpoint}/privnet-tfstate-test`;
    const headers = emulatedS3Headers();
    const put = (url: string, body: string, type = "application/octet-stream") => fetch(url, { method: "PUT", body, headers: { ...headers, "Content-Type": type } });
    expect((await put(bucket, "<CreateBucketConfiguration><LocationConstraint>ap-northeast-1</LocationConstraint></CreateBucketConfiguration>", "application/xml")).status).toBe(200);
    const resources = ["arn:aws:s3:::privnet-tfstate-test", "arn:aws:s3:::privnet-tfstate-test/*"];
    const tlsOnly = [
      { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: resources, Condition: { Bool: { "aws:SecureTransport": "false" } } },
      { Sid: "DenyOutdatedTls", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: resources, Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } } },
    ];
    const policy = (statements: unknown[]) => put(`${bucket}?policy`, JSON.stringify({ Version: "2012-10-17", Statement: statements }), "application/json");
    expect((await policy(tlsOnly)).ok).toBe(true);
    expect((await put(`${bucket}/state`, "{}")).status).toBe(200);
    expect((await fetch(`${bucket}/state`, { headers })).status).toBe(200);
    const refused = async (statements: unknown[]) => {
      expect((await policy(statements)).ok).toBe(true);
      return (await fetch(`${bucket}/state`, { headers })).status;
    };
    expect(await refused([{ Effect: "Deny", Principal: "*", Action: "s3:GetObject", Resource: resources[1] }])).toBe(403);
    expect(await refused([{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: resources, Condition: { Bool: { "aws:SecureTransport": "true" } } }])).toBe(403);
    expect(await refused([{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: resources, Condition: { NumericLessThan: { "s3:TlsVersion": "1.3" } } }])).toBe(403);
    // A negated operator on a key the request does not carry holds, as in AWS.
    expect(await refused([{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: resources, Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-1" } } }])).toBe(403);
    expect(await refused([{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: resources, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } } }])).toBe(200);
  });

  it("answers a bucket's encryption rule with the encryption types it blocks, as they were put", async () => {
    const bucket = `${emulator.endpoint}/privnet-encryption-test`;
    const headers = emulatedS3Headers();
    const put = (url: string, body: string) => fetch(url, { method: "PUT", body, headers: { ...headers, "Content-Type": "application/xml" } });
    expect((await put(bucket, "<CreateBucketConfiguration><LocationConstraint>ap-northeast-1</LocationConstraint></CreateBucketConfiguration>")).status).toBe(200);
    const rule = (blocked: string) =>
      `<ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault>${blocked}</Rule></ServerSideEncryptionConfiguration>`;
    const answered = async () => (await fetch(`${bucket}?encryption`, { headers })).text();
    expect((await put(`${bucket}?encryption`, rule("<BlockedEncryptionTypes><EncryptionType>SSE-C</EncryptionType></BlockedEncryptionTypes>"))).status).toBe(200);
    expect(await answered()).toMatch(/<BlockedEncryptionTypes>\s*<EncryptionType>SSE-C<\/EncryptionType>\s*<\/BlockedEncryptionTypes>/);
    expect(await answered()).toMatch(/<SSEAlgorithm>AES256<\/SSEAlgorithm>/);
    expect((await put(`${bucket}?encryption`, rule(""))).status).toBe(200);
    expect(await answered()).not.toMatch(/BlockedEncryptionTypes/);
  });

  it("is stopped by its own PID", async () => {
    await emulator.stop();
    expect(alive(emulator.pid)).toBe(false);
    expect(existsSync(log)).toBe(true);
  });
});
