/**
 * Runtime configuration, from the environment. Local sign-in exists only in local mode:
 * a production stage refuses to start with it.
 */
/** A Cognito user pool and the console's app client in it. */
export interface Pool {
  issuer: string;
  clientId: string;
  /** Hosted UI base URL (https://<prefix>.auth.<region>.amazoncognito.com), for the sign-in redirect. */
  domain?: string;
  /** Defaults to `<issuer>/.well-known/jwks.json`. */
  jwksUrl?: string;
  /** Cognito API endpoint override (tests); the regional endpoint otherwise. */
  idpEndpoint?: string;
}

export type AuthConfig =
  | { mode: "local" }
  | {
      mode: "cognito";
      /** Members' pool (MFA optional). */
      members: Pool;
      /** Operators' pool (MFA required): only its tokens may act as operator. */
      operators?: Pool;
    };

function pool(env: Record<string, string | undefined>, prefix: string): Pool | undefined {
  const issuer = env[`${prefix}_ISSUER`];
  const clientId = env[`${prefix}_CLIENT_ID`];
  if (!issuer || !clientId) return undefined;
  const domain = env[`${prefix}_DOMAIN`];
  const jwksUrl = env[`${prefix}_JWKS_URL`];
  return { issuer, clientId, ...(domain ? { domain } : {}), ...(jwksUrl ? { jwksUrl } : {}) };
}

export interface Config {
  auth: AuthConfig;
  /** Origins allowed to send cookie-authenticated writes (CSRF check). */
  allowedOrigins: string[];
  /** Public URL of the console, for links in invitations. */
  publicUrl: string;
  secureCookies: boolean;
  sessionTtlSeconds: number;
  log: (line: Record<string, unknown>) => void;
  /** Tests only: check every success response against its declared schema (http/route.ts). */
  checkResponses?: boolean;
  /**
   * Where uploads and exports are kept: the S3 bucket of infra/files.ts in AWS (`MAILLAGE_FILES_BUCKET`),
   * a directory locally (`MAILLAGE_FILES_DIR`, `.data/files` by default; tests use a temporary one).
   */
  files: FilesConfig;
}

export type FilesConfig = { kind: "local"; dir: string } | { kind: "s3"; bucket: string };

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
    const members = pool(env, "COGNITO");
    if (!members) throw new Error("COGNITO_ISSUER and COGNITO_CLIENT_ID are required");
    const operators = pool(env, "COGNITO_OPERATOR");
    auth = { mode: "cognito", members, ...(operators ? { operators } : {}) };
  } else {
    throw new Error(`Unknown MAILLAGE_AUTH=${mode} (expected local or cognito)`);
  }
  const publicUrl = env.MAILLAGE_PUBLIC_URL ?? "http://localhost:3000";
  return {
    auth,
    allowedOrigins: (env.MAILLAGE_ALLOWED_ORIGINS ?? new URL(publicUrl).origin)
      .split(",")
      .map((o) => o.trim()),
    publicUrl,
    secureCookies: publicUrl.startsWith("https://"),
    sessionTtlSeconds: Number(env.MAILLAGE_SESSION_TTL_SECONDS ?? 8 * 3600),
    log: stdoutLog,
    files: env.MAILLAGE_FILES_BUCKET
      ? { kind: "s3", bucket: env.MAILLAGE_FILES_BUCKET }
      : { kind: "local", dir: env.MAILLAGE_FILES_DIR ?? ".data/files" },
  };
}
