// One attempt: send a RequestSpec through axios and reduce whatever happens to plain data (status, headers,
// body, or a classified connection failure). The AxiosError itself, with its request headers, goes no further.

import { isAxiosError, type AxiosInstance } from "axios";

import type { HeaderBag } from "./delay";
import type { RequestSpec } from "./request";

/** The outcome of one attempt, free of axios objects. */
export type AttemptResult =
  | { type: "response"; status: number; headers: HeaderBag; data: unknown }
  | { type: "failure"; kind: "network" | "timeout"; code: string };

/** Codes axios and Node use for a request that got no response in time. */
const TIMEOUT_CODES: ReadonlySet<string> = new Set(["ETIMEDOUT", "ECONNABORTED", "ESOCKETTIMEDOUT"]);

/** Send one request; never throws for HTTP statuses or connection failures. */
export async function sendOnce(http: AxiosInstance, spec: RequestSpec): Promise<AttemptResult> {
  try {
    const response = await http.request<unknown>({
      method: spec.method,
      url: spec.url,
      ...(spec.body === undefined ? {} : { data: spec.body }),
    });
    return {
      type: "response",
      status: response.status,
      headers: plainHeaders(response.headers),
      data: response.data,
    };
  } catch (err: unknown) {
    return classifyFailure(err);
  }
}

/** Reduce a thrown value to a failure kind and a short code, without keeping the error. */
export function classifyFailure(err: unknown): AttemptResult & { type: "failure" } {
  const code = errorCode(err);
  return { type: "failure", kind: TIMEOUT_CODES.has(code) ? "timeout" : "network", code };
}

/** A short error code such as `ECONNREFUSED`; anything that does not look like one becomes `ERR_NETWORK`. */
function errorCode(err: unknown): string {
  let code: unknown;
  if (isAxiosError(err)) code = err.code;
  else if (typeof err === "object" && err !== null && "code" in err) code = err.code;
  return typeof code === "string" && /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : "ERR_NETWORK";
}

function plainHeaders(headers: unknown): HeaderBag {
  if (typeof headers !== "object" || headers === null) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(headers)) out[key.toLowerCase()] = value;
  return out;
}
