/// <reference path="./.sst/platform/config.d.ts" />

/**
 * Deployment to AWS with SST v4 (Pulumi-based): `npx sst deploy --stage production`.
 * One file per concern in infra/. Paris region by default; nothing names an account.
 */
export default $config({
  app(input) {
    const production = input?.stage === "production";
    return {
      name: "maillage",
      home: "aws",
      providers: { aws: { region: "eu-west-3", version: "7.20.0" } },
      removal: production ? "retain" : "remove",
      protect: production,
    };
  },
  async run() {
    const { table } = await import("./infra/storage");
    const { publicUrl } = await import("./infra/web");
    const { members, operators } = await import("./infra/auth");
    await import("./infra/handler");
    await import("./infra/monitoring");
    return {
      console: publicUrl,
      table: table.name,
      membersPool: members.userPool.id,
      operatorsPool: operators.userPool.id,
    };
  },
});
