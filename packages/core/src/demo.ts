/**
 * Demo people, for the local sign-in page only. Apart from the seed (`@maillage/core/seed`), so the
 * deployed API does not carry the demo's data.
 */
export const DEMO_EMAILS = [
  "operateur@example.org",
  "cheffe.projet@example.org",
  "agent.liaison@example.org",
  "federation@example.org",
  "financeur@example.org",
  "cheffe.rurale@example.org",
] as const;
