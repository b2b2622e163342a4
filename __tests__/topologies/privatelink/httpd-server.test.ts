import { describe, expect, it } from "vitest";
import { httpdUserData } from "../../../src/topologies/privatelink/httpd-server";

describe("httpd server user data", () => {
  it("installs httpd, retrying while the package route settles, writes the page and starts httpd for good", () => {
    const script = httpdUserData({ page: "Hello!", port: 80 });
    expect(script.startsWith("#!/bin/bash\nset -euo pipefail\n")).toBe(true);
    expect(script).toMatch(/for attempt in \$\(seq 1 20\); do\n {2}dnf install -y httpd && break\n/);
    expect(script).toContain("echo 'Hello!' > /var/www/html/index.html");
    expect(script).toContain("systemctl enable --now httpd");
    expect(script).not.toContain("Listen");
  });

  it("moves httpd's listener when the service port is not 80", () => {
    expect(httpdUserData({ page: "Hello!", port: 8080 })).toContain("sed -i 's/^Listen 80$/Listen 8080/' /etc/httpd/conf/httpd.conf");
  });

  it("refuses a page that could break out of the quoting, and an impossible port", () => {
    expect(() => httpdUserData({ page: "it's'; rm -rf /", port: 80 })).toThrow(/page .* must be 1-200 letters, digits, spaces or simple punctuation/);
    expect(() => httpdUserData({ page: "Hello!", port: 0 })).toThrow(/port 0 must be a whole number from 1 to 65535/);
  });
});
