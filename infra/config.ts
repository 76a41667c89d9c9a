/** Stage-aware settings shared by every infra file. Nothing here names an account. */
export const isProduction = $app.stage === "production";

/** Log retention for every log group (no personal data is logged; see functions/src/http/observe.ts). */
export const logRetention = "3 months" as const;

/** Where alarms go. No default: `sst deploy` stops until `npx sst secret set AlarmEmail …` is done. */
export const alarmEmail = new sst.Secret("AlarmEmail");

/** Optional custom domain for the console and API, e.g. `maillage.example.fr` (see README "Deploy"). */
export const domain = process.env.MAILLAGE_DOMAIN;
