import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA as S3BucketServerSideEncryptionConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA as S3BucketVersioning } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import { nameTag } from "../../constructs/naming";

export interface StateBucketProps {
  /** Exact bucket name. Default: a unique name AWS derives from `bucketPrefix`. */
  readonly bucketName?: string;
  /** Prefix of the generated name when `bucketName` is unset. */
  readonly bucketPrefix: string;
  /** Days a replaced or deleted state version is kept, to roll back a bad apply. Default 90. */
  readonly noncurrentVersionDays?: number;
  /** Terraform refuses to destroy the bucket; lifted only to remove it, emptied, on purpose. */
  readonly preventDestroy: boolean;
}

/**
 * The S3 bucket that holds Terraform state: versioned (so a bad apply can be rolled
 * back), encrypted, private, reachable over TLS only, and protected from `destroy`
 * unless the configuration lifts that on purpose.
 * Locking needs no DynamoDB table: Terraform >= 1.11 writes a lock object next to the
 * state (`use_lockfile`).
 */
export class StateBucket extends Construct {
  readonly bucketName: string;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const bucket = new S3Bucket(this, "bucket", {
      bucket: props.bucketName,
      bucketPrefix: props.bucketName === undefined ? props.bucketPrefix : undefined,
      // Lifted together with prevent_destroy, so that a destroy meant on purpose empties the
      // versioned bucket itself: every version and delete marker, in batches, as S3 requires.
      forceDestroy: !props.preventDestroy,
      tags: nameTag(this, "terraform-state"),
      lifecycle: { preventDestroy: props.preventDestroy },
    });
    this.bucketName = bucket.bucket;
    this.arn = bucket.arn;

    new S3BucketOwnershipControls(this, "ownership", {
      bucket: bucket.id,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    const publicAccessBlock = new S3BucketPublicAccessBlock(this, "public-access-block", {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketVersioning(this, "versioning", {
      bucket: bucket.id,
      versioningConfiguration: { status: "Enabled" },
    });
    new S3BucketServerSideEncryptionConfiguration(this, "encryption", {
      bucket: bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" },
          // What S3 reports for every bucket made since April 2026. Left unset, providers
          // 6.22 to 6.39 send [] and plan a change on every run; stated, the plan is clean on
          // every release and a customer-provided key can never be switched back on.
          blockedEncryptionTypes: ["SSE-C"],
        },
      ],
    });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: bucket.id,
      rule: [
        {
          id: "expire-noncurrent-state-versions",
          status: "Enabled",
          filter: [{ prefix: "" }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionDays ?? 90 }],
          // Every lock release leaves a delete marker on `<key>.tflock`; drop them once alone.
          expiration: [{ expiredObjectDeleteMarker: true }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });

    const everyObject = [bucket.arn, `${bucket.arn}/*`];
    const denyAllWhen = (sid: string, condition: { test: string; variable: string; values: string[] }) => ({
      sid,
      effect: "Deny",
      actions: ["s3:*"],
      resources: everyObject,
      principals: [{ type: "*", identifiers: ["*"] }],
      condition: [condition],
    });
    const tlsOnly = new DataAwsIamPolicyDocument(this, "tls-only-policy", {
      statement: [
        denyAllWhen("DenyInsecureTransport", { test: "Bool", variable: "aws:SecureTransport", values: ["false"] }),
        denyAllWhen("DenyOutdatedTls", { test: "NumericLessThan", variable: "s3:TlsVersion", values: ["1.2"] }),
      ],
    });
    new S3BucketPolicy(this, "policy", {
      bucket: bucket.id,
      policy: tlsOnly.json,
      // S3 rejects a policy change while the public access block is still being applied.
      dependsOn: [publicAccessBlock],
    });
  }
}
