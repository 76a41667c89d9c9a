import { api } from "./api";

/** The console as a static site behind CloudFront. */
export const web = new sst.aws.StaticSite("Console", {
  path: "web",
  build: { command: "npm run build", output: "dist" },
  environment: { VITE_API_URL: api.url },
});
