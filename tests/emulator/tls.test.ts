// TLS mode: the emulator serves HTTPS with a certificate for 127.0.0.1 made at start; a client that trusts the
// written anchor connects, one that does not is refused. (tests/e2e/tls.test.ts runs the provider over it.)
import * as fs from "fs";
import * as https from "https";
import * as os from "os";
import * as path from "path";
import { start, type RunningEmulator } from "../../emulator/start";
import { generateLocalCertificate, writeTrustAnchor } from "../../emulator/tls";

const TOKEN = "tls-writer-token-0123456789";

function get(url: string, ca?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { headers: { Authorization: TOKEN }, ca }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
  });
}

describe("emulator TLS mode", () => {
  let emu: RunningEmulator;
  let dir: string;
  let anchor: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-tls-"));
    const tls = await generateLocalCertificate();
    anchor = writeTrustAnchor(dir, tls);
    emu = await start({ tls, tokens: [{ token: TOKEN, role: "writer" }] });
  });
  afterAll(async () => {
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("serves https on 127.0.0.1 to a client that trusts the written anchor", async () => {
    expect(emu.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(await get(`${emu.url}/api/v2/account/relay-auto-configs`, fs.readFileSync(anchor, "utf8"))).toBe(200);
  });

  it("is refused by a client that does not trust it", async () => {
    await expect(get(`${emu.url}/api/v2/account/relay-auto-configs`)).rejects.toThrow(/self-signed|certificate/i);
  });
});
