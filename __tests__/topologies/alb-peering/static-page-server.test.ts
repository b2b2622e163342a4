import { describe, expect, it } from "vitest";
import { staticPageServerUserData } from "../../../src/topologies/alb-peering/static-page-server";

describe("static page server user data", () => {
  it("serves a page naming the server on the given port, as an unprivileged systemd service that survives reboots", () => {
    const script = staticPageServerUserData({ serverName: "web-1", port: 8080 });
    expect(script.startsWith("#!/bin/bash\nset -euo pipefail\n")).toBe(true);
    expect(script).toContain("<body>Hello World from web-1</body>");
    expect(script).toContain("DynamicUser=yes");
    expect(script).toContain("ExecStart=/usr/bin/python3 -m http.server 8080 --directory /srv/www");
    expect(script).toContain("systemctl enable --now static-page.service");
    expect(script).not.toContain("CAP_NET_BIND_SERVICE");
  });

  it("grants only the bind capability when the port is below 1024", () => {
    const script = staticPageServerUserData({ serverName: "web-1", port: 80 });
    expect(script.match(/^[A-Za-z]*Capabilit[a-z]*=.*$/gm)).toEqual(["AmbientCapabilities=CAP_NET_BIND_SERVICE"]);
  });

  it("installs nothing, so it works in subnets with no way out", () => {
    const script = staticPageServerUserData({ serverName: "web-1", port: 8080 });
    expect(script).not.toMatch(/\b(dnf|yum|pip|curl|wget)\b/);
  });

  it("refuses a name that could break out of the page or the script, and an impossible port", () => {
    expect(() => staticPageServerUserData({ serverName: "web'1\nPAGE", port: 8080 })).toThrow(/serverName .* must be lowercase letters, digits and hyphens/);
    expect(() => staticPageServerUserData({ serverName: "web-1", port: 70000 })).toThrow(/port 70000 must be a whole number from 1 to 65535/);
  });
});
