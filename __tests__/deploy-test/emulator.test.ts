import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatedS3Headers, Emulator } from "../../src/deploy-test/emulator";
import { ec2Query } from "../../src/deploy-test/out-of-band";
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
  const dir = tempDir();
  const log = join(dir, "moto.log");
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await Emulator.start(moto.ok ? moto.value.python : "", log, join(dir, "tls"));
  });
  // Also when a test failed: a server started here never outlives the file.
  afterAll(() => emulator?.stop());

  const s3 = emulatedS3Headers();
  const put = (path: string, body: string, type = "application/octet-stream") => emulator.request(path, { method: "PUT", body, headers: { ...s3, "Content-Type": type } });
  const createBucket = (name: string) => put(`/${name}`, "<CreateBucketConfiguration><LocationConstraint>ap-northeast-1</LocationConstraint></CreateBucketConfiguration>", "application/xml");

  it("listens on loopback on ports of its own, HTTPS with a certificate only the run's authority vouches for, with the fixes", async () => {
    expect(emulator.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.plainEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.plainEndpoint).not.toBe(emulator.endpoint.replace("https", "http"));
    expect(alive(emulator.pid)).toBe(true);
    const response = await emulator.request("/?Action=DescribeInstanceConnectEndpoints&Version=2016-11-15", {
      headers: { Authorization: "AWS4-HMAC-SHA256 Credential=test/20260101/ap-northeast-1/ec2/aws4_request, SignedHeaders=host, Signature=x" },
    });
    // moto alone answers 500 for this call; the fixed one serves it.
    expect(response.status).toBe(200);
    expect(response.body).toMatch(/DescribeInstanceConnectEndpointsResponse/);
    // Without the run's authority the certificate is not trusted: it is no public one.
    await expect(fetch(`${emulator.endpoint}/`)).rejects.toThrow();
  });

  it("judges the state bucket's policy by the request's own connection: TLS-only admits HTTPS and refuses plain HTTP, the TLS version is the one negotiated", async () => {
    const bucket = "/privnet-tfstate-test";
    expect((await createBucket("privnet-tfstate-test")).status).toBe(200);
    const resources = ["arn:aws:s3:::privnet-tfstate-test", "arn:aws:s3:::privnet-tfstate-test/*"];
    const tlsOnly = [
      { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: resources, Condition: { Bool: { "aws:SecureTransport": "false" } } },
      { Sid: "DenyOutdatedTls", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: resources, Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } } },
    ];
    const policy = async (statements: unknown[]) => expect((await put(`${bucket}?policy`, JSON.stringify({ Version: "2012-10-17", Statement: statements }), "application/json")).status).toBeLessThan(300);
    const get = async (init: { plain?: boolean; maxTlsVersion?: "TLSv1.2" | "TLSv1.3" } = {}) => (await emulator.request(`${bucket}/state`, { headers: s3, ...init })).status;

    await policy(tlsOnly);
    expect((await put(`${bucket}/state`, "{}")).status).toBe(200);
    expect(await get()).toBe(200);
    expect(await get({ maxTlsVersion: "TLSv1.2" })).toBe(200);
    expect(await get({ plain: true })).toBe(403);

    // The keys follow the connection, not a fixed answer: inverted, the same policy refuses TLS and admits plain HTTP.
    await policy([{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: resources, Condition: { Bool: { "aws:SecureTransport": "true" } } }]);
    expect(await get()).toBe(403);
    expect(await get({ plain: true })).toBe(200);
    await policy([{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: resources, Condition: { NumericLessThan: { "s3:TlsVersion": "1.3" } } }]);
    expect(await get({ maxTlsVersion: "TLSv1.2" })).toBe(403);
    expect(await get({ maxTlsVersion: "TLSv1.3" })).toBe(200);
    // Over plain HTTP there is no TLS version: a condition on it fails, as in AWS.
    expect(await get({ plain: true })).toBe(200);

    await policy([{ Effect: "Deny", Principal: "*", Action: "s3:GetObject", Resource: resources[1] }]);
    expect(await get()).toBe(403);
    // A negated operator on a key the request does not carry holds, as in AWS.
    await policy([{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: resources, Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-1" } } }]);
    expect(await get()).toBe(403);
    await policy([{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: resources, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } } }]);
    expect(await get()).toBe(200);
  });

  it("answers a bucket's encryption rule with the encryption types it blocks, as they were put", async () => {
    const bucket = "/privnet-encryption-test";
    expect((await createBucket("privnet-encryption-test")).status).toBe(200);
    const rule = (blocked: string) =>
      `<ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault>${blocked}</Rule></ServerSideEncryptionConfiguration>`;
    const answered = async () => (await emulator.request(`${bucket}?encryption`, { headers: s3 })).body;
    expect((await put(`${bucket}?encryption`, rule("<BlockedEncryptionTypes><EncryptionType>SSE-C</EncryptionType></BlockedEncryptionTypes>"), "application/xml")).status).toBe(200);
    expect(await answered()).toMatch(/<BlockedEncryptionTypes>\s*<EncryptionType>SSE-C<\/EncryptionType>\s*<\/BlockedEncryptionTypes>/);
    expect(await answered()).toMatch(/<SSEAlgorithm>AES256<\/SSEAlgorithm>/);
    expect((await put(`${bucket}?encryption`, rule(""), "application/xml")).status).toBe(200);
    expect(await answered()).not.toMatch(/BlockedEncryptionTypes/);
  });

  it("removes every version of a key that has a delete marker once versioning is suspended, as Terraform's force_destroy empties the state bucket", async () => {
    const bucket = "/privnet-versions-test";
    expect((await createBucket("privnet-versions-test")).status).toBe(200);
    expect((await put(`${bucket}?versioning`, "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>", "application/xml")).status).toBe(200);
    expect((await put(`${bucket}/state.tflock`, "{}")).status).toBe(200);
    // The S3 backend deletes its lock object after each run: a delete marker on top.
    expect((await emulator.request(`${bucket}/state.tflock`, { method: "DELETE", headers: s3 })).status).toBe(204);
    const versions = async () => [...(await emulator.request(`${bucket}?versions`, { headers: s3 })).body.matchAll(/<VersionId>([^<]+)<\/VersionId>/g)].map((match) => match[1]!);
    const all = await versions();
    expect(all).toHaveLength(2);
    // Terraform destroys the bucket's versioning (suspends it) before the bucket itself.
    expect((await put(`${bucket}?versioning`, "<VersioningConfiguration><Status>Suspended</Status></VersioningConfiguration>", "application/xml")).status).toBe(200);
    for (const versionId of all) {
      const removed = await emulator.request(`${bucket}/state.tflock?versionId=${encodeURIComponent(versionId)}`, { method: "DELETE", headers: s3 });
      expect(removed.status).toBe(204);
    }
    expect(await versions()).toEqual([]);
  });

  it("answers an instance launched through its network interface with the interface's groups, and no public address it was not given", async () => {
    const ec2 = async (parameters: Record<string, string>) => {
      const response = await ec2Query(emulator, "ap-northeast-1", parameters);
      expect(response.status).toBe(200);
      return response.body;
    };
    const id = (body: string, tag: string) => new RegExp(`<${tag}>([^<]+)</${tag}>`).exec(body)![1]!;
    const vpc = id(await ec2({ Action: "CreateVpc", CidrBlock: "10.9.0.0/16" }), "vpcId");
    const subnet = id(await ec2({ Action: "CreateSubnet", VpcId: vpc, CidrBlock: "10.9.1.0/24" }), "subnetId");
    const group = id(await ec2({ Action: "CreateSecurityGroup", GroupName: "probe", GroupDescription: "probe", VpcId: vpc }), "groupId");
    // As the AWS provider launches one: everything on the primary network interface.
    const launched = await ec2({
      Action: "RunInstances",
      ImageId: "ami-12c6146b",
      MinCount: "1",
      MaxCount: "1",
      "NetworkInterface.1.DeviceIndex": "0",
      "NetworkInterface.1.SubnetId": subnet,
      "NetworkInterface.1.SecurityGroupId.1": group,
      "NetworkInterface.1.AssociatePublicIpAddress": "false",
    });
    const described = await ec2({ Action: "DescribeInstances", "InstanceId.1": id(launched, "instanceId") });
    // Once in the instance's groups, once in its interface's.
    expect(described.match(new RegExp(`<groupId>${group}</groupId>`, "g"))!.length).toBeGreaterThanOrEqual(2);
    expect(described).not.toMatch(/<association\s*\/>|<association>\s*<\/association>/);
    expect(described).not.toMatch(/<ipAddress>/);
  });

  it("is stopped by its own PID", async () => {
    await emulator.stop();
    expect(alive(emulator.pid)).toBe(false);
    expect(existsSync(log)).toBe(true);
  });
});
