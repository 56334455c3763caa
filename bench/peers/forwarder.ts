// A plain-HTTP door to the TLS emulator of `make bench-peers`, on 127.0.0.1: every request is passed on unchanged
// to the emulator's HTTPS origin (trusting its generated CA) and the answer streamed back, server-sent events
// included; when either side closes, so does the other. ld-relay (started by scripts/ld-relay.ts, which passes it
// no CA setting) and the benchmark's own control calls use it; the two tools under test talk TLS directly.
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo } from "node:net";

/** A running forwarder. */
export interface Forwarder {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

/** Starts a forwarder to `target` (`https://127.0.0.1:<port>`) trusting `ca` (PEM). */
export function startForwarder(target: string, ca: string): Promise<Forwarder> {
  const origin = new URL(target);
  const agent = new https.Agent({ ca });
  const server = http.createServer((req, res) => {
    const upstream = https.request(
      { host: origin.hostname, port: origin.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.flushHeaders();
        answer.pipe(res);
        answer.on("error", () => res.destroy());
      },
    );
    upstream.on("error", () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    // The client went away mid-answer (a relay stopping, a stream cancelled): end the upstream request too.
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            agent.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
