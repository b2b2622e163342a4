import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/errors";
import { CONFIG_FILE_VARIABLE } from "../../src/config/load";
import { tempDir } from "../support/synth";
import { DEFAULT_CONFIG, mergeOverrides, loadConfig } from "../../src/topologies/project-config";

function writeConfig(content: unknown): { dir: string; file: string } {
  const dir = tempDir();
  const file = join(dir, "config.json");
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return { dir, file };
}

function loadError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loading the configuration", () => {
  it("accepts a $schema for editors at the top and ignores it, but only a string, and only at the top", () => {
    const { file } = writeConfig({ $schema: "./docs/config.schema.json", project: "lab" });
    const loaded = loadConfig({ env: { [CONFIG_FILE_VARIABLE]: file } });
    expect(loaded.project).toBe("lab");
    expect(loaded).not.toHaveProperty("$schema");
    const notString = loadError(() => mergeOverrides({ $schema: 7 }, "test"));
    expect(notString.issues).toEqual([expect.objectContaining({ key: "$schema", value: 7, rule: expect.stringMatching(/must be a string/) })]);
    const nested = loadError(() => mergeOverrides({ peering: { $schema: "x" } }, "test"));
    expect(nested.issues[0]).toMatchObject({ key: "peering.$schema", rule: expect.stringMatching(/is not a configuration key/) });
  });

  it("uses the article defaults when PRIVNET_CONFIG is unset", () => {
    expect(loadConfig({ env: {} })).toEqual(DEFAULT_CONFIG);
    expect(loadConfig({ env: { [CONFIG_FILE_VARIABLE]: "" } })).toEqual(DEFAULT_CONFIG);
  });

  it("lays the file's keys over the defaults and keeps the rest", () => {
    const { file } = writeConfig({ state: { bucket: "my-state-bucket" }, peering: { accepter: { cidr: "172.19.0.0/16", subnet: { cidr: "172.19.1.0/24" } } } });
    const config = loadConfig({ env: { [CONFIG_FILE_VARIABLE]: file } });
    expect(config.state.bucket).toBe("my-state-bucket");
    expect(config.state.keyPrefix).toBe(DEFAULT_CONFIG.state.keyPrefix);
    expect(config.peering.accepter.cidr).toBe("172.19.0.0/16");
    expect(config.peering.accepter.subnet).toEqual({ name: "private2", cidr: "172.19.1.0/24", availabilityZone: "a" });
    expect(config.peering.requester).toEqual(DEFAULT_CONFIG.peering.requester);
  });

  it("resolves a relative path against the working directory", () => {
    const { dir } = writeConfig({ region: "us-east-1" });
    expect(loadConfig({ env: { [CONFIG_FILE_VARIABLE]: "config.json" }, cwd: dir }).region).toBe("us-east-1");
  });

  it("merges tags, whose keys are the user's own", () => {
    expect(mergeOverrides({ tags: { CostCenter: "net-lab" } }, "t").tags).toEqual({ CostCenter: "net-lab" });
  });

  it("refuses a misspelt key instead of ignoring it", () => {
    const error = loadError(() => mergeOverrides({ peering: { requestr: {} } }, "t"));
    expect(error.issues).toEqual([
      { key: "peering.requestr", value: {}, rule: expect.stringMatching(/is not a configuration key \(known here: requester, accepter, operator, keyName, flowLogs\)/) },
    ]);
  });

  it("refuses a value of the wrong type, naming the key", () => {
    const error = loadError(() => mergeOverrides({ peering: { requester: { cidr: 10 } }, state: "bucket" }, "t"));
    expect(error.issues).toEqual([
      { key: "peering.requester.cidr", value: 10, rule: "must be a string, not a number" },
      { key: "state", value: "bucket", rule: "must be an object, not a string" },
    ]);
    expect(loadError(() => mergeOverrides({ tags: { Owner: 1 } }, "t")).issues[0]).toMatchObject({ key: "tags.Owner" });
  });

  it("replaces a list whole instead of merging it element by element", () => {
    const subnets = [
      { name: "web-a", cidr: "10.2.10.0/24", availabilityZone: "a" },
      { name: "web-c", cidr: "10.2.20.0/24", availabilityZone: "c" },
      { name: "web-d", cidr: "10.2.30.0/24", availabilityZone: "d" },
    ];
    const config = mergeOverrides({ albPeering: { foo: { subnets }, alb: { additionalClientCidrs: ["192.168.0.0/16"] } } }, "t");
    expect(config.albPeering.foo.subnets).toEqual(subnets);
    expect(config.albPeering.alb.additionalClientCidrs).toEqual(["192.168.0.0/16"]);
    expect(mergeOverrides({ albPeering: { foo: { webServerNames: ["only"] } } }, "t").albPeering.foo.webServerNames).toEqual(["only"]);
  });

  it("checks every element of a list against the shape of the default's elements", () => {
    const error = loadError(() =>
      mergeOverrides(
        {
          albPeering: {
            foo: { subnets: [{ name: "a", cidr: "10.2.1.0/24" }, { name: "b", cidr: "10.2.2.0/24", availabilityZone: "c", zone: "c" }, "10.2.3.0/24"] },
            alb: { additionalClientCidrs: [10] },
          },
        },
        "t",
      ),
    );
    expect(error.issues).toEqual([
      { key: "albPeering.foo.subnets[0].availabilityZone", value: undefined, rule: "is required in each element of this list" },
      { key: "albPeering.foo.subnets[1].zone", value: "c", rule: expect.stringMatching(/^is not a configuration key \(known here: name, cidr, availabilityZone\)/) },
      { key: "albPeering.foo.subnets[2]", value: "10.2.3.0/24", rule: "must be an object, not a string" },
      { key: "albPeering.alb.additionalClientCidrs[0]", value: 10, rule: "must be a string, not a number" },
    ]);
  });

  it("refuses an object or a string where a list belongs", () => {
    const error = loadError(() => mergeOverrides({ albPeering: { foo: { subnets: {} }, alb: { additionalClientCidrs: "10.0.0.0/8" } } }, "t"));
    expect(error.issues).toEqual([
      { key: "albPeering.foo.subnets", value: {}, rule: "must be an array, not an object" },
      { key: "albPeering.alb.additionalClientCidrs", value: "10.0.0.0/8", rule: "must be an array, not a string" },
    ]);
  });

  it("names the file when its values break a rule", () => {
    const { file } = writeConfig({ peering: { requester: { cidr: "10.0.0.0/33" } } });
    const error = loadError(() => loadConfig({ env: { [CONFIG_FILE_VARIABLE]: file } }));
    expect(error.message).toContain(`Invalid configuration (${file})`);
    expect(error.issues[0]).toMatchObject({ key: "peering.requester.cidr", value: "10.0.0.0/33" });
  });

  it("explains a missing or unparsable file", () => {
    const missing = loadError(() => loadConfig({ env: { [CONFIG_FILE_VARIABLE]: "/nonexistent/privnet.json" } }));
    expect(missing.issues[0]).toMatchObject({ key: CONFIG_FILE_VARIABLE, value: "/nonexistent/privnet.json", rule: expect.stringMatching(/readable JSON file/) });
    const { file } = writeConfig("{ region: ap-northeast-1 }");
    const broken = loadError(() => loadConfig({ env: { [CONFIG_FILE_VARIABLE]: file } }));
    expect(broken.issues[0]).toMatchObject({ key: CONFIG_FILE_VARIABLE, rule: expect.stringMatching(/valid JSON/) });
  });
});
