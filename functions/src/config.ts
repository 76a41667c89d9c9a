/**
 * Runtime configuration, from the environment. Local sign-in exists only in local mode:
 * a production stage refuses to start with it.
 */
export type AuthConfig =
  | { mode: "local" }
  | {
      mode: "cognito";
      /** Members' pool (MFA optional). */
      issuer: string;
      clientId: string;
      jwksUrl?: string;
      /** Operators' pool (MFA required): only its tokens may act as operator. */
      operator?: { issuer: string; clientId: string; jwksUrl?: string };
    };

export interface Config {
  stage: string;
  auth: AuthConfig;
  /** Origins allowed to send cookie-authenticated writes (CSRF check). */
  allowedOrigins: string[];
  /** Public URL of the console, for links in invitations. */
  publicUrl: string;
  secureCookies: boolean;
  sessionTtlSeconds: number;
  log: (line: Record<string, unknown>) => void;
}

const stdoutLog = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const stage = env.MAILLAGE_STAGE ?? "local";
  const mode = env.MAILLAGE_AUTH ?? "local";
  let auth: AuthConfig;
  if (mode === "local") {
    if (stage === "production" || env.NODE_ENV === "production") {
      throw new Error("Local sign-in is refused in production: set MAILLAGE_AUTH=cognito");
    }
    if (!env.MAILLAGE_SESSION_SECRET || env.MAILLAGE_SESSION_SECRET.length < 32) {
      throw new Error("MAILLAGE_SESSION_SECRET must be set (32+ characters) for local sign-in");
    }
    auth = { mode: "local" };
  } else if (mode === "cognito") {
    const issuer = env.COGNITO_ISSUER;
    const clientId = env.COGNITO_CLIENT_ID;
    if (!issuer || !clientId) throw new Error("COGNITO_ISSUER and COGNITO_CLIENT_ID are required");
    auth = {
      mode: "cognito",
      issuer,
      clientId,
      ...(env.COGNITO_JWKS_URL ? { jwksUrl: env.COGNITO_JWKS_URL } : {}),
    };
  } else {
    throw new Error(`Unknown MAILLAGE_AUTH=${mode} (expected local or cognito)`);
  }
  const publicUrl = env.MAILLAGE_PUBLIC_URL ?? "http://localhost:3000";
  return {
    stage,
    auth,
    allowedOrigins: (env.MAILLAGE_ALLOWED_ORIGINS ?? new URL(publicUrl).origin)
      .split(",")
      .map((o) => o.trim()),
    publicUrl,
    secureCookies: publicUrl.startsWith("https://"),
    sessionTtlSeconds: Number(env.MAILLAGE_SESSION_TTL_SECONDS ?? 8 * 3600),
    log: stdoutLog,
  };
}
