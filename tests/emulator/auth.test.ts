// Tests emulator/auth.ts: `Authorization: <token>` with no scheme for access tokens and `Bearer <token>` for
// OAuth tokens, 401 for missing/unknown tokens or the wrong form, 403 for a reader on a write, the default dev
// token, and that principals and member summaries never carry the token.

import { DEFAULT_DEV_TOKEN, TokenAuth } from "../../emulator/auth";
import { EmulatorError } from "../../emulator/errors";
import { call, CONFIGS, configBody, startEmulator } from "./support/client";

describe("TokenAuth", () => {
  const auth = new TokenAuth([
    { token: "w-secret", role: "writer", email: "ops@example.com" },
    { token: "r-secret", role: "reader" },
    { token: "o-secret", role: "writer", kind: "oauth" },
  ]);

  it("accepts DEFAULT_DEV_TOKEN as a writer when no tokens are configured", () => {
    expect(new TokenAuth().authenticate(DEFAULT_DEV_TOKEN).role).toBe("writer");
  });

  it("refuses the default dev token once tokens are configured", () => {
    expect(() => auth.authenticate(DEFAULT_DEV_TOKEN)).toThrow(EmulatorError);
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["unknown", "nope"],
    ["an access token Bearer-prefixed", "Bearer w-secret"],
    ["an OAuth token without Bearer", "o-secret"],
  ])("%s header → unauthorized", (_title, header) => {
    expect(() => auth.authenticate(header)).toThrow(expect.objectContaining({ code: "unauthorized" }));
  });

  it.each([["Bearer o-secret"], ["bearer  o-secret"], [" Bearer o-secret "]])("accepts an OAuth token as %j", (header) => {
    expect(auth.authenticate(header).label).toBe("writer-2");
  });

  it("labels principals without the token and builds a member summary", () => {
    const principal = auth.authenticate("w-secret");
    expect(principal.label).toBe("writer-1");
    expect(principal.member.email).toBe("ops@example.com");
    expect(principal.member._id).toMatch(/^[0-9a-f]{24}$/);
    expect(principal.member._links.self.href).toBe(`/api/v2/members/${principal.member._id}`);
    expect(JSON.stringify(principal)).not.toContain("w-secret");
  });

  it("lets a reader read and forbids it to write", () => {
    const reader = auth.authenticate("r-secret");
    expect(() => auth.authorize(reader, false)).not.toThrow();
    expect(() => auth.authorize(reader, true)).toThrow(expect.objectContaining({ code: "forbidden" }));
    expect(() => auth.authorize(auth.authenticate("w-secret"), true)).not.toThrow();
  });

  it("refuses an empty configured token", () => {
    expect(() => new TokenAuth([{ token: "", role: "writer" }])).toThrow();
  });
});

describe("auth over HTTP", () => {
  it("records the token's member as _creator, and a reader cannot create", async () => {
    const emu = await startEmulator({ tokens: [{ token: "w-secret", role: "writer", email: "ops@example.com" }, { token: "r-secret", role: "reader" }] });
    try {
      const created = await call(emu.url, "POST", CONFIGS, { token: "w-secret", body: configBody() });
      expect(created.body._creator.email).toBe("ops@example.com");
      const refused = await call(emu.url, "POST", CONFIGS, { token: "r-secret", body: configBody() });
      expect(refused.status).toBe(403);
      expect(refused.text).not.toContain("r-secret");
      expect((await call(emu.url, "GET", CONFIGS, { token: "r-secret" })).body.items).toHaveLength(1);
    } finally {
      await emu.close();
    }
  });
});
