// Request building: the API base URL, the six relay-auto-config requests and the two account listings, the headers LaunchDarkly expects,
// and the axios instance that sends them (every status resolves; the retry loop decides what is an error).

import axios, { type AxiosAdapter, type AxiosInstance } from "axios";
import * as fs from "node:fs";
import * as path from "node:path";

import type { PatchOperation, RelayAutoConfigPost } from "../types";
import { isGuarded, type HttpMethod } from "./retry";
import { checkApiHost, type TokenKind } from "../settings";
import { badConfigIdArgument, badExpiry, type Operation } from "../wording";

/** The REST API version the client is written against (sent as `LD-API-Version`). */
export const LD_API_VERSION = "20240415";

/** Path of the relay auto-config collection. */
export const RELAY_CONFIGS_PATH = "/api/v2/account/relay-auto-configs";

/** Path of the account's projects. */
export const PROJECTS_PATH = "/api/v2/projects";

/** Page size of the account listings (LaunchDarkly's default is 20). */
export const ACCOUNT_PAGE_LIMIT = 100;

/** One request, ready to send. */
export interface RequestSpec {
  /** The client operation, for errors. */
  operation: Operation;
  method: HttpMethod;
  /** Absolute URL. */
  url: string;
  /** JSON body, if any. */
  body?: unknown;
  /** The body carries a JSON Patch `test` op (see retry.ts). */
  guarded: boolean;
}

/** The API endpoint split into the base for URLs and the origin that keys the limiter and names the host. */
export interface ApiEndpoint {
  /** `apiHost` without trailing slashes, e.g. `https://app.launchdarkly.com`. */
  base: string;
  /** Scheme, host and port only (no credentials, no path). */
  origin: string;
}

/**
 * The endpoint of an API host setting, by the settings' own rule (`checkApiHost`: a preset, a URL or a bare
 * host; plain http only to this machine). Throws a plain Error with the settings' reason otherwise.
 */
export function apiEndpoint(apiHost: string): ApiEndpoint {
  const host = checkApiHost(apiHost);
  if (!host.ok) throw new Error(host.reason);
  return { base: host.base, origin: host.origin };
}

/** `GET /api/v2/account/relay-auto-configs`. */
export function listRequest(base: string): RequestSpec {
  return { operation: "list", method: "GET", url: `${base}${RELAY_CONFIGS_PATH}`, guarded: false };
}

/** `GET /api/v2/projects?expand=environments&limit=…&offset=…`: one page of projects with their environments. */
export function projectsRequest(base: string, offset: number, limit = ACCOUNT_PAGE_LIMIT): RequestSpec {
  return { operation: "account", method: "GET", url: `${base}${PROJECTS_PATH}?expand=environments&limit=${limit}&offset=${offset}`, guarded: false };
}

/** `GET /api/v2/projects/{projectKey}/environments?limit=…&offset=…`: one page of a project's environments. */
export function environmentsRequest(base: string, projectKey: string, offset: number, limit = ACCOUNT_PAGE_LIMIT): RequestSpec {
  return {
    operation: "account",
    method: "GET",
    url: `${base}${PROJECTS_PATH}/${encodeURIComponent(projectKey)}/environments?limit=${limit}&offset=${offset}`,
    guarded: false,
  };
}

/** `GET /api/v2/account/relay-auto-configs/{id}`. */
export function getRequest(base: string, id: string): RequestSpec {
  return { operation: "get", method: "GET", url: itemUrl(base, id), guarded: false };
}

/** `POST /api/v2/account/relay-auto-configs` with the RelayAutoConfigPost body. */
export function createRequest(base: string, body: RelayAutoConfigPost): RequestSpec {
  return {
    operation: "create",
    method: "POST",
    url: `${base}${RELAY_CONFIGS_PATH}`,
    body: { name: body.name, policy: body.policy },
    guarded: false,
  };
}

/** `PATCH /api/v2/account/relay-auto-configs/{id}` with `{ "patch": ops, "comment"?: c }`. */
export function patchRequest(base: string, id: string, ops: readonly PatchOperation[], comment?: string): RequestSpec {
  const body: { patch: PatchOperation[]; comment?: string } = { patch: [...ops] };
  if (comment !== undefined && comment !== "") body.comment = comment;
  return {
    operation: "update",
    method: "PATCH",
    url: itemUrl(base, id),
    body,
    guarded: isGuarded(ops),
  };
}

/** `DELETE /api/v2/account/relay-auto-configs/{id}`. */
export function deleteRequest(base: string, id: string): RequestSpec {
  return { operation: "delete", method: "DELETE", url: itemUrl(base, id), guarded: false };
}

/** `POST /api/v2/account/relay-auto-configs/{id}/reset[?expiry=<epoch ms>]`. */
export function resetRequest(base: string, id: string, expiryMs?: number): RequestSpec {
  let url = `${itemUrl(base, id)}/reset`;
  if (expiryMs !== undefined) {
    if (!Number.isFinite(expiryMs) || expiryMs < 0) throw new RangeError(badExpiry(expiryMs));
    url += `?expiry=${Math.round(expiryMs)}`;
  }
  return { operation: "reset", method: "POST", url, guarded: false };
}

/**
 * The headers of every request: an access token as-is (LaunchDarkly's access tokens take no scheme word), an
 * OAuth token as `Bearer …`; API version, user agent.
 */
export function requestHeaders(token: string, kind: TokenKind = "access"): Record<string, string> {
  return {
    Authorization: kind === "oauth" ? `Bearer ${token}` : token,
    "LD-API-Version": LD_API_VERSION,
    "User-Agent": userAgent(),
    "Content-Type": "application/json",
    Accept: "application/json",
  };
}

/**
 * The axios instance for one client: fixed headers, timeout, no redirects (a redirect could carry the token
 * elsewhere), every status resolved rather than thrown, timeouts reported as `ETIMEDOUT`. `transport` replaces
 * the network adapter in tests. HTTPS uses Node's CA store, including `NODE_EXTRA_CA_CERTS`.
 */
export function createHttp(token: string, timeoutMs: number, transport?: AxiosAdapter, kind: TokenKind = "access"): AxiosInstance {
  return axios.create({
    headers: requestHeaders(token, kind),
    timeout: timeoutMs,
    maxRedirects: 0,
    validateStatus: () => true,
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: true },
    ...(transport ? { adapter: transport } : {}),
  });
}

let cachedUserAgent: string | undefined;

/** `pulumi-launchdarkly-relay/<version>`, the version read from this package's package.json. */
export function userAgent(): string {
  cachedUserAgent ??= `pulumi-launchdarkly-relay/${packageVersion()}`;
  return cachedUserAgent;
}

/** Walk up from this file (source or dist) to the package's own package.json. */
function packageVersion(): string {
  let dir = __dirname;
  for (;;) {
    try {
      const text = fs.readFileSync(path.join(dir, "package.json"), "utf8");
      const pkg = JSON.parse(text) as { name?: unknown; version?: unknown };
      if (pkg.name === "pulumi-launchdarkly-relay" && typeof pkg.version === "string") return pkg.version;
    } catch {
      // no package.json here; keep walking up
    }
    const parent = path.dirname(dir);
    if (parent === dir) return "0.0.0";
    dir = parent;
  }
}

function itemUrl(base: string, id: string): string {
  if (typeof id !== "string" || id.trim() === "") throw new TypeError(badConfigIdArgument(id));
  return `${base}${RELAY_CONFIGS_PATH}/${encodeURIComponent(id)}`;
}
