import { describe, expect, it } from "vitest";
import { ref, resourcesOf, synthStack } from "../../support/synth";

function only(resources: Record<string, any>): { address: string; body: any } {
  const entries = Object.entries(resources);
  expect(entries).toHaveLength(1);
  return { address: entries[0]![0], body: entries[0]![1] };
}

describe("state stack (bootstrap of the S3 backend)", () => {
  const { json } = synthStack("state");
  const bucket = only(resourcesOf(json, "aws_s3_bucket"));
  const bucketId = ref(`aws_s3_bucket.${bucket.address}`);
  const bucketArn = ref(`aws_s3_bucket.${bucket.address}`, "arn");

  it("keeps its own state locally, outside cdktf.out, since the bucket cannot hold the state that creates it", () => {
    expect(json.terraform.backend).toEqual({ local: { path: "../../../terraform.privnet.state.tfstate" } });
  });

  it("protects the bucket from destroy and never empties it", () => {
    expect(bucket.body.lifecycle).toEqual({ prevent_destroy: true });
    expect(bucket.body.force_destroy).toBe(false);
  });

  it("lifts both only when the configuration says so, so that a destroy meant on purpose empties every version first", () => {
    const lifted = only(resourcesOf(synthStack("state", { state: { preventDestroy: false } }).json, "aws_s3_bucket")).body;
    expect(lifted.lifecycle).toEqual({ prevent_destroy: false });
    expect(lifted.force_destroy).toBe(true);
  });

  it("lets AWS pick a unique name when none is configured, and uses the configured one otherwise", () => {
    expect(bucket.body.bucket_prefix).toBe("privnet-tfstate-");
    expect(bucket.body).not.toHaveProperty("bucket");
    const named = only(resourcesOf(synthStack("state", { state: { bucket: "acme-tfstate" } }).json, "aws_s3_bucket"));
    expect(named.body.bucket).toBe("acme-tfstate");
    expect(named.body).not.toHaveProperty("bucket_prefix");
  });

  it("versions state so a bad apply can be rolled back", () => {
    expect(only(resourcesOf(json, "aws_s3_bucket_versioning")).body).toEqual({
      bucket: bucketId,
      versioning_configuration: { status: "Enabled" },
    });
  });

  it("encrypts by default, and blocks SSE-C as S3 reports it, so that every provider release plans clean", () => {
    expect(only(resourcesOf(json, "aws_s3_bucket_server_side_encryption_configuration")).body).toEqual({
      bucket: bucketId,
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" }, blocked_encryption_types: ["SSE-C"] }],
    });
  });

  it("blocks every form of public access and disables ACLs", () => {
    expect(only(resourcesOf(json, "aws_s3_bucket_public_access_block")).body).toEqual({
      bucket: bucketId,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(only(resourcesOf(json, "aws_s3_bucket_ownership_controls")).body.rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
  });

  it("denies every request that is not over TLS 1.2 or later", () => {
    const policy = only(resourcesOf(json, "aws_s3_bucket_policy")).body;
    expect(policy.bucket).toBe(bucketId);
    const publicAccessBlock = Object.keys(resourcesOf(json, "aws_s3_bucket_public_access_block"))[0];
    expect(policy.depends_on).toEqual([`aws_s3_bucket_public_access_block.${publicAccessBlock}`]);
    const document = Object.entries(json.data?.aws_iam_policy_document ?? {});
    expect(document).toHaveLength(1);
    const [documentName, documentBody] = document[0]!;
    expect(policy.policy).toBe(`\${data.aws_iam_policy_document.${documentName}.json}`);
    const statements = (documentBody as any).statement;
    expect(statements).toEqual([
      expect.objectContaining({
        effect: "Deny",
        actions: ["s3:*"],
        resources: [bucketArn, `${bucketArn}/*`],
        principals: [{ type: "*", identifiers: ["*"] }],
        condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
      }),
      expect.objectContaining({
        effect: "Deny",
        resources: [bucketArn, `${bucketArn}/*`],
        condition: [{ test: "NumericLessThan", variable: "s3:TlsVersion", values: ["1.2"] }],
      }),
    ]);
  });

  it("expires old state versions, lock delete markers and abandoned uploads, for the whole bucket", () => {
    const lifecycle = only(resourcesOf(json, "aws_s3_bucket_lifecycle_configuration")).body;
    expect(lifecycle.bucket).toBe(bucketId);
    expect(lifecycle.rule).toEqual([
      expect.objectContaining({
        status: "Enabled",
        filter: [{ prefix: "" }],
        noncurrent_version_expiration: [{ noncurrent_days: 90 }],
        expiration: [{ expired_object_delete_marker: true }],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      }),
    ]);
  });

  it("outputs the bucket name and the configuration line that points the other stacks at it", () => {
    const bucketName = ref(`aws_s3_bucket.${bucket.address}`, "bucket");
    expect(json.output?.["bucket-name"]?.value).toBe(bucketName);
    expect(json.output?.["config-snippet"]?.value).toBe(`{ "state": { "bucket": "${bucketName}" } }`);
  });
});
