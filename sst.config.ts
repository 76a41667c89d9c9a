/// <reference path="./.sst/platform/config.d.ts" />

/**
 * Deployment to AWS with SST v4 (Pulumi-based). One file per concern in infra/.
 * The deployment issue completes and verifies this; the foundation only fixes its shape.
 */
export default $config({
  app(input) {
    return {
      name: "maillage",
      home: "aws",
      providers: { aws: { region: "eu-west-3" } },
      removal: input?.stage === "production" ? "retain" : "remove",
      protect: input?.stage === "production",
    };
  },
  async run() {
    const { table } = await import("./infra/storage");
    const { api } = await import("./infra/api");
    const { web } = await import("./infra/web");
    return { table: table.name, api: api.url, console: web.url };
  },
});
