import type { Subcommand } from "./subcommand";

/** Every subcommand of `privnet`, in the order `--help` lists them. */
export const SUBCOMMANDS: readonly Subcommand[] = [
  {
    name: "verify",
    npmScript: "verify",
    summary: "check offline that each stack's declared traffic flows work, and nothing else reaches them",
    usage: "[--flows] [<cdk.tf.json> ...]",
    description: [
      "Evaluates each stack's declared flows (src/topologies/<name>/flows.ts) on its synthesized",
      "Terraform JSON: routes, security groups, network ACLs, endpoints, DNS. With no file, it",
      "synthesizes every stack now (PRIVNET_CONFIG names the configuration); with files, it judges",
      "those, whoever produced them. Prints a summary per stack with every flow that is not as",
      "declared, and a closing line; --flows prints a table of every flow with its reason.",
    ].join("\n"),
    exits: { finding: "a flow is not as declared", cannotRun: "bad configuration, an unreadable file, or a stack that declares no flows" },
    arguments: { options: { flows: { type: "boolean" } }, positionals: {} },
    async run({ values, positionals }, context) {
      const { runVerify } = await import("./verify");
      return runVerify({ files: positionals, everyFlow: values["flows"] === true, baseDir: context.cwd, cwd: context.projectDir, env: context.env, stdout: context.stdout, stderr: context.stderr });
    },
  },
  {
    name: "review",
    npmScript: "review",
    summary: "what a change does to the network: flows opened and closed, guardrails, cost, diagram",
    usage: "(--base <cdktf.out> | --base-ref <git ref>) [--head <cdktf.out>] [--stack <name>]... [--markdown | --json] [--exit-code]",
    description: [
      "Compares two synth outputs stack by stack, offline: every flow from every source to every",
      "destination, on every class of traffic the rules, listeners and network ACLs tell apart, is",
      "evaluated on both sides; each flow opened or closed is listed with whether it was intended,",
      "must not be, or is undeclared, and the rule, route, record or listener that caused it. Also",
      "guardrail findings new and fixed, the monthly list price before and after, and a Mermaid",
      "diagram. --base-ref synthesizes that commit's code with this configuration; without --head",
      "this checkout is synthesized now. docs/review.md has the JSON format. With --exit-code it",
      "exits 3 when a flow opened or closed, as git diff --exit-code exits 1 on a difference.",
    ].join("\n"),
    exits: { cannotRun: "a folder that is not a synth output, a bad --stack or --base-ref, or bad configuration" },
    arguments: {
      options: {
        base: { type: "string" },
        "base-ref": { type: "string" },
        head: { type: "string" },
        stack: { type: "string", multiple: true },
        markdown: { type: "boolean" },
        json: { type: "boolean" },
        "exit-code": { type: "boolean" },
      },
    },
    async run({ values }, context) {
      const { runReview } = await import("./review");
      if (values["markdown"] && values["json"]) {
        context.stderr.write("review: --markdown and --json do not go together; run it with --help for its usage\n");
        return 2;
      }
      const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
      const base = text("base");
      const baseRef = text("base-ref");
      const head = text("head");
      return runReview({
        ...(base === undefined ? {} : { base }),
        ...(baseRef === undefined ? {} : { baseRef }),
        ...(head === undefined ? {} : { head }),
        stacks: Array.isArray(values["stack"]) ? values["stack"] : [],
        format: values["json"] ? "json" : values["markdown"] ? "markdown" : "text",
        exitCode: values["exit-code"] === true,
        cwd: context.cwd,
        projectDir: context.projectDir,
        env: context.env,
        stdout: context.stdout,
        stderr: context.stderr,
      });
    },
  },
  {
    name: "guardrails",
    npmScript: "guardrails",
    summary: "report every guardrail rule's result for each stack, with exceptions and fixes",
    usage: "[<cdk.tf.json> ...]",
    description: [
      "Checks each stack against the rules synth enforces (docs/guardrails.md): IMDSv2, encrypted",
      "volumes, no public addresses, closed default groups, S3 state bucket settings and more.",
      "With no file, it synthesizes every stack now; with files, it judges those.",
    ].join("\n"),
    exits: { finding: "a stack breaks a rule", cannotRun: "bad configuration or an unreadable file" },
    arguments: { positionals: {} },
    async run({ positionals }, context) {
      const { runGuardrails } = await import("./guardrails");
      return runGuardrails({ files: positionals, baseDir: context.cwd, cwd: context.projectDir, env: context.env, stdout: context.stdout, stderr: context.stderr });
    },
  },
  {
    name: "plan",
    npmScript: "plan",
    summary: "terraform plan of one stack, written as the pull-request comment shows it",
    usage: "<stack> [--review-base <git ref> | --no-review]",
    description: [
      "Synthesizes through the guardrails, checks Terraform and the state bucket, runs terraform",
      "init and plan in the stack's folder, and writes cdktf.out/plans/<stack>.md (the comment) and",
      ".txt (the full plan). Needs Terraform and AWS credentials (docs/pull-request-plans.md).",
      "First it prints the stack's network change (npm run review) against --review-base, else where",
      "the branch left origin's default branch, else the last commit; in the workflow, against the",
      "pull request's base (PRIVNET_REVIEW_JSON). --no-review leaves that out.",
    ].join("\n"),
    exits: { finding: "synth or Terraform failed", cannotRun: "something it needs is missing: configuration, Terraform, the stack, the bucket" },
    arguments: { options: { "review-base": { type: "string" }, "no-review": { type: "boolean" } }, positionals: { min: 1, max: 1 } },
    async run({ values, positionals }, context) {
      const [{ runPlan }, { defaultReviewBase, REVIEW_JSON_VARIABLE }] = await Promise.all([import("./plan"), import("./review")]);
      const made = context.env[REVIEW_JSON_VARIABLE];
      const ref = typeof values["review-base"] === "string" ? values["review-base"] : undefined;
      const review = values["no-review"] ? undefined : made ? { json: made } : { ref: ref ?? defaultReviewBase(context.projectDir) };
      return runPlan({ stack: positionals[0]!, ...(review ? { review } : {}), cwd: context.projectDir, env: context.env, stdout: context.stdout, stderr: context.stderr });
    },
  },
  {
    name: "drift",
    npmScript: "drift",
    summary: "what changed outside Terraform in a deployed stack, and which flows that opened or closed",
    usage: "<stack> [--markdown | --json] [--github-issue] [--if-deployed]",
    description: [
      "Synthesizes the stack as cdktf would, then in its folder: terraform init, state pull (the state",
      "the last apply recorded) and a refresh-only plan (what the resources are now), without a lock",
      "and without writing the state. Lists each resource that drifted, leaving out what the stack's",
      "own rule, route and zone-association resources explain, and reads both states with the network",
      "model to list the flows the drift opened or closed, must-not ones first. A rule added by hand",
      "counts. Needs Terraform and read-only AWS credentials (docs/operating.md). With --github-issue",
      "(the scheduled workflow) it keeps the stack's drift issue open while drift lasts; with",
      "--if-deployed a stack without state is no error. Exits 3 when it found drift.",
    ].join("\n"),
    exits: { finding: "Terraform failed", cannotRun: "something it needs is missing: configuration, Terraform, credentials, the bucket, the stack's state" },
    arguments: { options: { markdown: { type: "boolean" }, json: { type: "boolean" }, "github-issue": { type: "boolean" }, "if-deployed": { type: "boolean" } }, positionals: { min: 1, max: 1 } },
    async run({ values, positionals }, context) {
      if (values["markdown"] && values["json"]) {
        context.stderr.write("drift: --markdown and --json do not go together; run it with --help for its usage\n");
        return 2;
      }
      const { runDrift } = await import("./drift");
      return runDrift({
        stack: positionals[0]!,
        format: values["json"] ? "json" : values["markdown"] ? "markdown" : "text",
        ...(values["github-issue"] ? { githubIssue: {} } : {}),
        ifDeployed: values["if-deployed"] === true,
        cwd: context.projectDir,
        env: context.env,
        stdout: context.stdout,
        stderr: context.stderr,
      });
    },
  },
  {
    name: "probe",
    npmScript: "probe",
    summary: "after a deploy, run each article's checks from the stack's instances and compare them with the verifier, flow by flow",
    usage: "<stack> [--markdown | --json]",
    description: [
      "Reads the stack's deployed state (terraform state pull, no lock), builds the network model",
      "from it and enters each instance the way the model allows: Run Command where its SSM Agent",
      "reaches Systems Manager, else SSH through an Instance Connect endpoint (AWS CLI v2, ssh).",
      "There it runs the articles' checks (ping, curl, a TCP connection, dig) for every intended",
      "flow and at least one flow of every exclusive or must-not declaration, and prints each flow",
      "with what the verifier expects, what was observed and the line that shows it. Changes",
      "nothing in the stack or its state. Needs Terraform and AWS credentials (docs/operating.md).",
      "Exits 3 when a flow is not as the verifier expects.",
    ].join("\n"),
    exits: {
      finding: "synth refused the stack (a guardrail or an AWS limit)",
      cannotRun: "no such stack, no network in it, not deployed, the backend or AWS unreachable, credentials missing or expired, a tool missing, or a probe that could not run",
    },
    arguments: { options: { markdown: { type: "boolean" }, json: { type: "boolean" } }, positionals: { min: 1, max: 1 } },
    async run({ values, positionals }, context) {
      if (values["markdown"] && values["json"]) {
        context.stderr.write("probe: --markdown and --json do not go together; run it with --help for its usage\n");
        return 2;
      }
      const { runProbe } = await import("./probe");
      return runProbe({
        stack: positionals[0]!,
        format: values["json"] ? "json" : values["markdown"] ? "markdown" : "text",
        cwd: context.projectDir,
        env: context.env,
        stdout: context.stdout,
        stderr: context.stderr,
      });
    },
  },
  {
    name: "config",
    npmScript: "config",
    summary: "merge settings, or the state stack's bucket, into your configuration file, checked before it is written",
    usage: "merge '<json object>' [--file <path>] | use-state-bucket [--file <path>]",
    description: [
      "merge deep-merges a JSON object into the configuration file: --file, else the file",
      "PRIVNET_CONFIG names, else ./privnet.json (created when missing). Objects merge key by key;",
      "lists and values replace. use-state-bucket merges { \"state\": { \"bucket\": <name> } }, the name",
      "read from the state stack's local state (terraform.<project>.state.tfstate in the project",
      "folder), so nothing is pasted. The file is read as synth reads it, the result validated as",
      "synth validates it, and written whole through a new file and a rename, or not at all.",
    ].join("\n"),
    exits: { cannotRun: "bad arguments, a file that cannot be read or written, no deployed state stack, or a merged configuration synth would refuse (nothing is written)" },
    // The verb says how many arguments follow; runConfig names what each verb takes.
    arguments: { options: { file: { type: "string" } }, positionals: { min: 1 } },
    async run({ values, positionals }, context) {
      const { runConfig } = await import("./config");
      const file = values["file"];
      return runConfig({ positionals, ...(typeof file === "string" ? { file } : {}) }, context);
    },
  },
  {
    name: "providers-lock",
    npmScript: "providers:lock",
    summary: "write the committed provider lock (.terraform.lock.hcl) with every platform's checksums",
    usage: "[--check | --verify] [--fs-mirror <dir>]",
    description: [
      "Runs terraform providers lock for every provider the stacks require, at its pinned release,",
      "for every platform the registry builds that release for, and writes .terraform.lock.hcl in",
      "the project folder; synth gives each stack its part. Needs Terraform and the registry (or",
      "--fs-mirror holding the builds). --check runs offline and only says whether the committed",
      "file holds every pinned provider; --verify makes the lock again and says whether the",
      "committed file holds only checksums the registry serves, every platform's download",
      "checksum and linux_amd64's build checksum, writing nothing (docs/provider-lock.md).",
    ].join("\n"),
    exits: { finding: "with --check or --verify: the committed lock lacks a pin or differs from the registry", cannotRun: "bad arguments, or terraform providers lock failed" },
    arguments: { options: { check: { type: "boolean" }, verify: { type: "boolean" }, "fs-mirror": { type: "string" } } },
    async run({ values }, context) {
      const { runProvidersLock } = await import("./providers-lock");
      const fsMirror = values["fs-mirror"];
      return runProvidersLock({
        check: values["check"] === true,
        verify: values["verify"] === true,
        ...(typeof fsMirror === "string" ? { fsMirror } : {}),
        projectDir: context.projectDir,
        env: context.env,
        stdout: context.stdout,
        stderr: context.stderr,
      });
    },
  },
  {
    name: "docs",
    npmScript: "docs",
    summary: "regenerate the configuration schema and the tables in the docs that restate code",
    usage: "[--check]",
    description: [
      "Writes docs/config.schema.json (from the configuration's types) and the generated tables in",
      "docs/ and the topology READMEs (configuration keys, guardrail rules). With --check it writes",
      "nothing and names each stale file; a test runs the same check.",
    ].join("\n"),
    exits: { finding: "with --check: a generated file is stale", cannotRun: "bad arguments, or a file lacks its markers" },
    arguments: { options: { check: { type: "boolean" } } },
    async run({ values }, context) {
      const { runDocs } = await import("../docs/generated-docs");
      return runDocs({ check: values["check"] === true, stdout: context.stdout, stderr: context.stderr });
    },
  },
  {
    name: "bench",
    npmScript: "bench",
    summary: "synth, verify and guardrail timings, and how endpoint-sharing grows with spokes",
    usage: "[<runs>]",
    description: "Synthesizes every stack in-process <runs> times (default 7) and prints figures; nothing passes or fails.",
    exits: { cannotRun: "<runs> is not a whole number from 2 to 100" },
    arguments: { positionals: { max: 1 } },
    async run({ positionals }, context) {
      const { runBench } = await import("../bench/synth-bench");
      return runBench(positionals[0], context.stderr);
    },
  },
  {
    name: "deploy-test",
    npmScript: "test:deploy",
    summary: "deploy every stack into an emulated AWS (moto) and back",
    usage: "[--require] [--jobs N] [--core] [--list] [<case or stack> ...]",
    description: "Its --help lists the options and the environment it reads (docs/deploy-test.md).",
    ownHelp: true,
    exits: { finding: "a case failed", cannotRun: "Terraform, the AWS provider or moto is missing (with --require), or bad arguments" },
    arguments: { options: { require: { type: "boolean" }, jobs: { type: "string" }, list: { type: "boolean" }, core: { type: "boolean" } }, positionals: {} },
    async run({ values, positionals }, context) {
      const { runDeployTest } = await import("../deploy-test/run-deploy-test");
      const jobs = values["jobs"];
      return runDeployTest({
        require: values["require"] === true,
        ...(typeof jobs === "string" ? { jobs } : {}),
        list: values["list"] === true,
        core: values["core"] === true,
        help: values["help"] === true,
        names: positionals,
        env: context.env,
        stdout: context.stdout,
        stderr: context.stderr,
      });
    },
  },
  {
    name: "ci-changed-stacks",
    npmScript: "ci:changed-stacks",
    summary: "pull-request workflow: which stacks to plan (the matrix output)",
    usage: "[<head cdktf.out> [<base cdktf.out>]]",
    description: [
      "Compares the pull request's synthesized stacks (default cdktf.out) with the base's (default",
      "base/cdktf.out) and sets the matrix and count outputs; GITHUB_TOKEN, when set, finds the",
      "stacks that already have a plan comment.",
    ].join("\n"),
    exits: { finding: "a stack to plan has no state bucket", cannotRun: "the pull request's synth output is missing" },
    arguments: { positionals: { max: 2 } },
    async run({ positionals }, context) {
      const [{ runChangedStacks }, { gitHubRest }] = await Promise.all([import("../ci/run-changed-stacks"), import("../ci/github-api")]);
      const [headOutdir = "cdktf.out", baseOutdir = "base/cdktf.out"] = positionals;
      const token = context.env["GITHUB_TOKEN"];
      return runChangedStacks({
        headOutdir,
        baseOutdir,
        env: context.env,
        stdout: context.stdout,
        stderr: context.stderr,
        ...(token ? { request: gitHubRest(token, context.env["GITHUB_API_URL"]) } : {}),
      });
    },
  },
  {
    name: "ci-deploy-stacks",
    npmScript: "ci:deploy-stacks",
    summary: "deploy workflow: which stacks to deploy (the matrix output)",
    usage: "[<cdktf.out> [<base cdktf.out>]]",
    description: [
      "PRIVNET_DEPLOY_STACKS holds the manual run's patterns (names or globs; they arrive through the",
      "environment, never spliced into a shell command). Without it, the stacks whose configuration",
      "changed since the base synth output (a push to main) are chosen.",
    ].join("\n"),
    exits: { cannotRun: "a pattern matches nothing, or names a stack that cannot be deployed here" },
    arguments: { positionals: { max: 2 } },
    async run({ positionals }, context) {
      const { runDeploySelection } = await import("../ci/run-deploy-selection");
      const patterns = context.env["PRIVNET_DEPLOY_STACKS"];
      const args = positionals;
      return runDeploySelection({
        outdir: args[0] ?? "cdktf.out",
        env: context.env,
        stdout: context.stdout,
        stderr: context.stderr,
        ...(patterns !== undefined && patterns !== "" ? { patterns } : { baseOutdir: args[1] ?? "base/cdktf.out" }),
      });
    },
  },
  {
    name: "ci-drift-stacks",
    npmScript: "ci:drift-stacks",
    summary: "drift workflow: which stacks to check (the matrix output)",
    usage: "[<cdktf.out>]",
    description: "Every stack whose state is in the bucket, except those that reach other accounts (the drift role assumes no role that can write).",
    exits: { cannotRun: "the synth output is missing" },
    arguments: { positionals: { max: 1 } },
    async run({ positionals }, context) {
      const { runDriftSelection } = await import("../ci/run-drift-selection");
      return runDriftSelection({ outdir: positionals[0] ?? "cdktf.out", env: context.env, stdout: context.stdout });
    },
  },
  {
    name: "ci-comment",
    npmScript: "ci:comment",
    summary: "post or update the sticky plan comment on the run's pull request",
    usage: "<comment.md> | --fork-notice | --no-plan <stack> <reason> | --no-plan-all <reason>",
    description: "Needs GITHUB_TOKEN and a pull_request or pull_request_target event (GITHUB_EVENT_PATH).",
    exits: { cannotRun: "bad arguments, no token or pull request, or GitHub refused" },
    arguments: { options: { "fork-notice": { type: "boolean" }, "no-plan": { type: "string" }, "no-plan-all": { type: "boolean" } }, positionals: { max: 1 } },
    async run({ values, positionals }) {
      const { runPostComment } = await import("../ci/run-post-comment");
      const noPlan = values["no-plan"];
      const request = values["fork-notice"]
        ? { kind: "fork-notice" as const }
        : typeof noPlan === "string"
          ? { kind: "no-plan" as const, stack: noPlan, reason: positionals[0] }
          : values["no-plan-all"]
            ? { kind: "no-plan-all" as const, reason: positionals[0] }
            : { kind: "plan" as const, file: positionals[0] };
      return runPostComment(request);
    },
  },
  {
    name: "ci-aws-policies",
    npmScript: "ci:aws-policies",
    summary: "the IAM trust and permission documents of the plan, deploy and drift roles",
    usage: "<owner/repo> <aws-account-id> [<ownerId/repoId>]",
    description: [
      "Writes the trust and permission documents of each role (plan-, deploy- and drift-trust.json and",
      "-permissions.json) into cdktf.out/github-oidc, made from the app itself, and prints the AWS CLI commands that",
      "create the roles. The third argument only for repositories on GitHub's immutable OIDC",
      "subject format.",
    ].join("\n"),
    exits: { cannotRun: "bad arguments or configuration, or state.bucket unset" },
    arguments: { positionals: { min: 2, max: 3 } },
    async run({ positionals }, context) {
      const { runAwsPolicies } = await import("../ci/run-aws-policies");
      return runAwsPolicies({ args: positionals, cwd: context.projectDir, env: context.env, stdout: context.stdout, stderr: context.stderr });
    },
  },
];
