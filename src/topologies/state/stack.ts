import { LocalBackend, TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { StateBucket } from "./state-bucket";
import { ProjectStack, type ProjectStackProps } from "../../constructs/project-stack";

/**
 * Bootstrap: the bucket every other stack keeps its state in. Its own state cannot
 * live in the bucket it creates, so it is local, in the project folder rather than
 * in `cdktf.out` (which a clean synth may wipe), one file per project name: keep it
 * safe (src/topologies/state/README.md).
 */
export class StateStack extends ProjectStack {
  constructor(scope: Construct, name: string, props: ProjectStackProps) {
    super(scope, name, props, "local");
    new LocalBackend(this, { path: `../../../terraform.${props.config.project}.${name}.tfstate` });

    const bucket = new StateBucket(this, "state-bucket", {
      bucketName: props.config.state.bucket,
      bucketPrefix: `${props.config.project}-tfstate-`,
      preventDestroy: props.config.state.preventDestroy,
    });

    new TerraformOutput(this, "bucket-name", {
      value: bucket.bucketName,
      description: "Set state.bucket to this name in your PRIVNET_CONFIG file",
    });
    new TerraformOutput(this, "config-snippet", {
      value: `{ "state": { "bucket": "${bucket.bucketName}" } }`,
      description: "Merge into the file named by PRIVNET_CONFIG so the other stacks use this bucket",
    });
  }
}
