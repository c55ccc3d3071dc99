#!/usr/bin/env bash
# A client nobody here wrote: the official MCP Inspector (CLI mode, the devDependency pinned in
# package.json; it needs Node >= 22, so .ci/run calls this under its Node 24) starts the built
# `harness-ports mcp`, lists the tools and calls `lookup` for splunk.
set -euo pipefail
cd "$(dirname "$0")/.."
inspect() { npx --no-install mcp-inspector --cli node bin/harness-ports.js mcp "$@"; }

node --version
inspect --method tools/list > /tmp/harness-ports-inspector-tools.json
inspect --method tools/call --tool-name lookup --tool-arg query=splunk > /tmp/harness-ports-inspector-lookup.json
node -e '
const fs = require("node:fs");
const tools = JSON.parse(fs.readFileSync("/tmp/harness-ports-inspector-tools.json", "utf8")).tools.map((t) => t.name);
const expected = ["lookup", "providers_for_port", "delegate_network", "firewall_rules", "check_plan", "permission_snippets"];
if (JSON.stringify(tools) !== JSON.stringify(expected)) throw new Error(`tools/list: ${tools.join(", ")}`);
const text = fs.readFileSync("/tmp/harness-ports-inspector-lookup.json", "utf8");
const result = JSON.parse(text);
const splunk = result.structuredContent.providers[0];
if (!text.includes("8089") || splunk.id !== "splunk" || splunk.ports[0].port !== 8089 || result.isError)
  throw new Error(`tools/call lookup splunk: ${text.slice(0, 400)}`);
console.log(`MCP Inspector: ${tools.length} tools listed; lookup splunk gave ${splunk.name} TCP ${splunk.ports[0].port}`);
'
rm -f /tmp/harness-ports-inspector-tools.json /tmp/harness-ports-inspector-lookup.json
