import { LocalBackend, TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { StateBucket } from "./state-bucket";
import { ProjectStack, type ProjectStackProps } from "../../constructs/project-stack";

/** The output that names the bucket, which `npm run config -- use-state-bucket` reads from the local state. */
export const BUCKET_NAME_OUTPUT = "bucket-name";

/** The state stack's own state file, in the project folder: one per project name, so environments never share it. */
export function localStateFile(project: string, stackName: string): string {
  return `terraform.${project}.${stackName}.tfstate`;
}

/**
 * Bootstrap: the bucket every other stack keeps its state in. Its own state cannot
 * live in the bucket it creates, so it is local, in the project folder rather than
 * in `cdktf.out` (which a clean synth may wipe), one file per project name: keep it
 * safe (src/topologies/state/README.md).
 */
export class StateStack extends ProjectStack {
  constructor(scope: Construct, name: string, props: ProjectStackProps) {
    super(scope, name, props, "local");
    // cdktf runs Terraform in cdktf.out/stacks/<name>/, three folders below the project's.
    new LocalBackend(this, { path: `../../../${localStateFile(props.config.project, name)}` });

    const bucket = new StateBucket(this, "state-bucket", {
      bucketName: props.config.state.bucket,
      bucketPrefix: `${props.config.project}-tfstate-`,
      preventDestroy: props.config.state.preventDestroy,
    });

    new TerraformOutput(this, BUCKET_NAME_OUTPUT, {
      value: bucket.bucketName,
      description: "Set state.bucket to this name in your PRIVNET_CONFIG file",
    });
    new TerraformOutput(this, "config-snippet", {
      value: `{ "state": { "bucket": "${bucket.bucketName}" } }`,
      description: "Merge into the file named by PRIVNET_CONFIG so the other stacks use this bucket",
    });
  }
}
