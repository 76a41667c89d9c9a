import { api } from "./api";
import { domain } from "./config";

/**
 * One CloudFront distribution: the console (static site) and `/api/*` (the HTTP API) on the same
 * origin, with the same security headers as the local server (functions/src/node.ts).
 */
const securityHeaders = `
  const h = event.response.headers;
  h["content-security-policy"] = { value: "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'" };
  h["strict-transport-security"] = { value: "max-age=63072000; includeSubDomains" };
  h["x-content-type-options"] = { value: "nosniff" };
  h["x-frame-options"] = { value: "DENY" };
  h["referrer-policy"] = { value: "no-referrer" };
  h["permissions-policy"] = { value: "camera=(), microphone=(), geolocation=()" };
`;

export const router = new sst.aws.Router("Edge", {
  ...(domain ? { domain } : {}),
  routes: { "/api/*": api.url },
  edge: { viewerResponse: { injection: securityHeaders } },
});

export const web = new sst.aws.StaticSite("Console", {
  path: "web",
  build: { command: "npm run build", output: "dist" },
  router: { instance: router },
});

/** The console's public URL: the custom domain, or CloudFront's. */
export const publicUrl = domain ? $output(`https://${domain}`) : router.url;
