import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { ProjectConfig } from "../config/types";
import { useS3Backend } from "./s3-backend";
import { requiredVersionConstraint } from "./terraform-version";

export interface ProjectStackProps {
  readonly config: ProjectConfig;
  /** The release in `.terraform-version`, e.g. `1.16.3`. */
  readonly terraformVersion: string;
}

/**
 * What every stack shares: the AWS provider with the project's default tags, the
 * Terraform version constraint, and (unless a stack says otherwise) the S3 backend.
 */
export abstract class ProjectStack extends TerraformStack {
  readonly config: ProjectConfig;

  protected constructor(scope: Construct, name: string, props: ProjectStackProps, backend: "s3" | "local" = "s3") {
    super(scope, name);
    this.config = props.config;
    new AwsProvider(this, "aws", {
      region: props.config.region,
      defaultTags: [
        {
          tags: {
            Project: props.config.project,
            Stack: name,
            ManagedBy: "cdktf",
            ...props.config.tags,
          },
        },
      ],
    });
    this.addOverride("terraform.required_version", requiredVersionConstraint(props.terraformVersion));
    if (backend === "s3") {
      useS3Backend(this, props.config);
    }
  }

  /** Full Availability Zone name from a configured letter. */
  protected zone(letter: string): string {
    return `${this.config.region}${letter}`;
  }
}
