// TLS for the emulator: a certificate for 127.0.0.1 and localhost generated at start (selfsigned), so clients
// that only speak HTTPS (LaunchDarkly's Terraform provider strips the scheme from api_host) can use it. The
// certificate is its own trust anchor: point NODE_EXTRA_CA_CERTS (Node) or SSL_CERT_FILE (Go) at it.
import * as fs from "fs";
import * as path from "path";
import { generate } from "selfsigned";

/** A PEM key pair for the HTTPS server. */
export interface TlsMaterial {
  key: string;
  cert: string;
}

/** Generates a certificate valid for 127.0.0.1, ::1 and localhost for `days` days. */
export async function generateLocalCertificate(days = 30): Promise<TlsMaterial> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const pems = await generate([{ name: "commonName", value: "127.0.0.1" }], {
    keyType: "ec",
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + days * 86_400_000),
    extensions: [
      { name: "basicConstraints", cA: true },
      { name: "keyUsage", digitalSignature: true, keyCertSign: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }, { type: 7, ip: "::1" }, { type: 2, value: "localhost" }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/** Writes the certificate (public, the trust anchor) to `<dir>/ca.pem` and returns that path. */
export function writeTrustAnchor(dir: string, material: TlsMaterial): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "ca.pem");
  fs.writeFileSync(file, material.cert);
  return file;
}
