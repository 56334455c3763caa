// API token check, LaunchDarkly style: an access token comes as `Authorization: <token>` with no scheme word, an
// OAuth token as `Authorization: Bearer <token>`. A missing or unknown token (or one in the other form) is 401
// `unauthorized`; a reader token on a write is 403 `forbidden`. Tokens never leave this module: principals
// carry a label and a member summary, never the token.

import { createHash } from "node:crypto";
import { EmulatorError, msg } from "./errors";
import type { MemberSummary, Role } from "./types";

/** The writer token accepted when none is configured. Public and documented: for local use only. */
export const DEFAULT_DEV_TOKEN = "emulator-dev-token";

/** A token the emulator accepts, and what it may do. */
export interface TokenSpec {
  token: string;
  role: Role;
  /** Email of the member shown as `_creator`; default `<role>-<n>@emulator.invalid`. */
  email?: string;
  /** `oauth`: accepted only as `Bearer <token>`; `access` (default): only as the bare token. */
  kind?: "access" | "oauth";
}

/** Who made a request: safe to log and to key rate limits by. */
export interface Principal {
  /** `writer-1`, `reader-1`, …: stands for the token in logs and limiter keys. */
  label: string;
  role: Role;
  member: MemberSummary;
}

/** Checks `Authorization` headers against a fixed set of tokens. */
export class TokenAuth {
  private readonly principals = new Map<string, Principal>();

  /** @param tokens accepted tokens; when empty, only DEFAULT_DEV_TOKEN as a writer. */
  constructor(tokens: readonly TokenSpec[] = []) {
    const specs = tokens.length > 0 ? tokens : [{ token: DEFAULT_DEV_TOKEN, role: "writer" as const }];
    const counts: Record<Role, number> = { writer: 0, reader: 0 };
    for (const spec of specs) {
      if (spec.token === "") throw new Error("an API token must not be empty");
      counts[spec.role] += 1;
      const label = `${spec.role}-${counts[spec.role]}`;
      const id = createHash("sha256").update(`emulator-member\0${spec.token}`).digest("hex").slice(0, 24);
      this.principals.set(spec.kind === "oauth" ? `Bearer ${spec.token}` : spec.token, {
        label,
        role: spec.role,
        member: {
          _links: { self: { href: `/api/v2/members/${id}`, type: "application/json" } },
          _id: id,
          role: spec.role,
          email: spec.email ?? `${label}@emulator.invalid`,
        },
      });
    }
  }

  /** The principal for an `Authorization` header value; throws `unauthorized` when missing or unknown. */
  authenticate(header: string | string[] | undefined): Principal {
    const token = Array.isArray(header) ? header[0] : header;
    const value = token?.trim().replace(/^bearer\s+/i, "Bearer ");
    const principal = value === undefined ? undefined : this.principals.get(value);
    if (principal === undefined) throw new EmulatorError("unauthorized", msg.unauthorized());
    return principal;
  }

  /** Throws `forbidden` when a reader attempts a write. */
  authorize(principal: Principal, write: boolean): void {
    if (write && principal.role !== "writer") throw new EmulatorError("forbidden", msg.forbidden());
  }
}
