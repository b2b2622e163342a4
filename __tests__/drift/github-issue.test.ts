import { describe, expect, it } from "vitest";
import type { GitHubRequest } from "../../src/ci/github-api";
import type { DriftReport } from "../../src/operations/drift/drift-report";
import { DRIFT_LABEL, issueBody, issueMarker, REPORT_CHARACTERS_IN_ISSUE, syncDriftIssue } from "../../src/operations/drift/github-issue";

interface FakeIssue {
  number: number;
  state: "open" | "closed";
  title: string;
  body: string;
  labels: string[];
  comments: string[];
  pull_request?: object;
}

/** An in-memory repository answering the REST calls the drift issue makes, as GitHub does. */
function fakeGitHub(existing: FakeIssue[] = [], { labelMadeElsewhere = false } = {}) {
  const issues = [...existing];
  const labels = new Set<string>();
  const calls: string[] = [];
  const request: GitHubRequest = async (method, path, body) => {
    calls.push(`${method} ${path}`);
    const input = (body ?? {}) as Record<string, unknown>;
    const local = path.replace(/^\/repos\/o\/r/, "");
    let match: RegExpExecArray | null;
    if (method === "GET" && local.startsWith("/issues?")) {
      const query = new URLSearchParams(local.split("?")[1]);
      const page = Number(query.get("page"));
      const labelled = issues.filter((issue) => issue.labels.includes(query.get("labels")!)).sort((a, b) => b.number - a.number);
      return { status: 200, body: labelled.slice((page - 1) * 100, page * 100) };
    }
    if (method === "GET" && (match = /^\/labels\/(.+)$/.exec(local))) return labels.has(match[1]!) ? { status: 200, body: { name: match[1] } } : { status: 404, body: { message: "Not Found" } };
    if (method === "POST" && local === "/labels") {
      // Another stack's job made it between our look and our POST.
      if (labelMadeElsewhere) return { status: 422, body: { message: "Validation Failed", errors: [{ code: "already_exists" }] } };
      labels.add(String(input["name"]));
      return { status: 201, body: input };
    }
    if (method === "POST" && local === "/issues") {
      const issue: FakeIssue = { number: issues.length + 100, state: "open", title: String(input["title"]), body: String(input["body"]), labels: input["labels"] as string[], comments: [] };
      issues.push(issue);
      return { status: 201, body: issue };
    }
    if ((match = /^\/issues\/(\d+)(\/comments)?$/.exec(local))) {
      const issue = issues.find((candidate) => candidate.number === Number(match![1]));
      if (issue === undefined) return { status: 404, body: { message: "Not Found" } };
      if (method === "POST" && match[2]) issue.comments.push(String(input["body"]));
      else if (method === "PATCH") Object.assign(issue, input);
      return { status: 200, body: issue };
    }
    return { status: 422, body: { message: `unexpected ${method} ${path}` } };
  };
  return { target: { request, repository: "o/r" }, issues, labels, calls };
}

function report(stack: string, drifted: boolean, rule = "ingress tcp/22 from 0.0.0.0/0"): DriftReport {
  return {
    stack,
    drifted,
    standing: [],
    resources: drifted ? [{ address: "aws_security_group.sg2_group_09C629C2", constructPath: `${stack}/sg2/group`, change: "changed", attributes: [{ attribute: "ingress", added: [rule] }] }] : [],
    opened: [],
    closed: [],
    changedPath: [],
    uncertain: [],
    flowsCompared: 10,
    flowsDeclared: true,
  };
}

const context = { checkedAt: "2026-12-06T05:17:00Z" };

describe("the stack's drift issue on GitHub, kept as the scheduled runs go", () => {
  it("opens one when drift appears, updates it while it lasts (a comment only when the drift changed), closes it when it is gone, and reopens that same one when it comes back", async () => {
    const github = fakeGitHub();
    expect(await syncDriftIssue(github.target, report("peering", false), context)).toBe("drift issue: nothing to do (no drift)");
    expect(github.issues).toEqual([]);

    expect(await syncDriftIssue(github.target, report("peering", true), context)).toBe("drift issue: opened #100");
    expect(github.labels.has(DRIFT_LABEL)).toBe(true);
    const [issue] = github.issues;
    expect(issue).toMatchObject({ state: "open", title: "Drift in peering: changed outside Terraform", labels: [DRIFT_LABEL] });
    expect(issue!.body).toContain(issueMarker("peering"));
    expect(issue!.body).toContain("ingress tcp/22 from 0.0.0.0/0");

    expect(await syncDriftIssue(github.target, report("peering", true), context)).toBe("drift issue: updated #100");
    expect(issue!.comments).toEqual([]);
    expect(await syncDriftIssue(github.target, report("peering", true, "ingress tcp/3389 from 0.0.0.0/0"), context)).toBe("drift issue: updated #100 (the drift changed)");
    expect(issue!.body).toContain("tcp/3389");
    expect(issue!.comments).toHaveLength(1);

    expect(await syncDriftIssue(github.target, report("peering", false), context)).toBe("drift issue: closed #100");
    expect(issue!.state).toBe("closed");
    expect(issue!.comments.at(-1)).toBe("No drift in `peering` as of 2026-12-06T05:17:00Z: closing.");
    expect(await syncDriftIssue(github.target, report("peering", false), context)).toBe("drift issue: nothing to do (no drift; issue #100 stays closed)");

    expect(await syncDriftIssue(github.target, report("peering", true), context)).toBe("drift issue: reopened #100");
    expect(issue!.state).toBe("open");
    // Six runs, one issue.
    expect(github.issues).toHaveLength(1);
  });

  it("keeps each stack's issue apart, and takes no pull request for one", async () => {
    const github = fakeGitHub([
      { number: 7, state: "open", title: "Drift in endpoint-sharing", body: `${issueMarker("endpoint-sharing")}\nold`, labels: [DRIFT_LABEL], comments: [] },
      { number: 8, state: "open", title: "a pull request quoting the marker", body: issueMarker("peering"), labels: [DRIFT_LABEL], comments: [], pull_request: {} },
    ]);
    expect(await syncDriftIssue(github.target, report("peering", true), context)).toBe("drift issue: opened #102");
    expect(await syncDriftIssue(github.target, report("endpoint-sharing", false), context)).toBe("drift issue: closed #7");
    expect(github.issues.find((issue) => issue.number === 102)!.state).toBe("open");
    expect(github.issues.find((issue) => issue.number === 8)!.comments).toEqual([]);
  });

  it("finds its issue beyond the first page of drift issues", async () => {
    const others = Array.from({ length: 150 }, (_, index): FakeIssue => ({ number: 1000 + index, state: "closed", title: "x", body: issueMarker(`other-${index}`), labels: [DRIFT_LABEL], comments: [] }));
    const github = fakeGitHub([{ number: 3, state: "open", title: "Drift in peering", body: issueMarker("peering"), labels: [DRIFT_LABEL], comments: [] }, ...others]);
    expect(await syncDriftIssue(github.target, report("peering", true), context)).toBe("drift issue: updated #3 (the drift changed)");
    expect(github.calls.filter((call) => call.startsWith("GET /repos/o/r/issues?")).length).toBe(2);
  });

  it("opens the issue when another stack's job made the label first", async () => {
    const github = fakeGitHub([], { labelMadeElsewhere: true });
    expect(await syncDriftIssue(github.target, report("peering", true), context)).toBe("drift issue: opened #100");
    expect(github.issues[0]!.labels).toEqual([DRIFT_LABEL]);
  });

  it("closes the issue of a stack destroyed while it drifted, saying so", async () => {
    const github = fakeGitHub([{ number: 5, state: "open", title: "Drift in peering", body: issueMarker("peering"), labels: [DRIFT_LABEL], comments: [] }]);
    expect(await syncDriftIssue(github.target, report("peering", false), { ...context, notDeployed: true })).toBe("drift issue: closed #5");
    expect(github.issues[0]!.comments).toEqual(["`peering` is not deployed (no state) as of 2026-12-06T05:17:00Z: nothing can drift; closing."]);
  });

  it("keeps the body within GitHub's limit when a console session added thousands of rules", () => {
    const huge = { ...report("peering", true), standing: [{ address: "aws_security_group.sg2_group_09C629C2", attribute: "ingress", entries: Array.from({ length: 5000 }, (_, index) => `ingress tcp/${index} from 0.0.0.0/0`) }] };
    const body = issueBody(huge, context);
    expect(body.length).toBeLessThan(65_536);
    expect(body.length).toBeGreaterThan(REPORT_CHARACTERS_IN_ISSUE / 2);
    expect(body).toContain(issueMarker("peering"));
    expect(body).toContain("the report is cut here: the run's summary and `npm run drift -- peering --json` have all of it.");
  });

  it("says what GitHub refused, with the status", async () => {
    const refusing: GitHubRequest = async () => ({ status: 403, body: { message: "Resource not accessible by integration" } });
    await expect(syncDriftIssue({ request: refusing, repository: "o/r" }, report("peering", true), context)).rejects.toThrow(
      /^GitHub answered GET \/issues\?labels=drift.* with 403: \{"message":"Resource not accessible by integration"\}$/,
    );
  });
});
