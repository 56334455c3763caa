// Tests emulator/loadtest.ts's command line: the defaults, every flag in both forms, --help, and each bad flag
// refused with a message naming it (strict parsing through emulator/flags.ts); and the results table.
import { DEFAULT_DEV_TOKEN } from "../../emulator/auth";
import { formatResults, parseLoadArgs } from "../../emulator/loadtest";

describe("parseLoadArgs", () => {
  it("defaults", () => {
    expect(parseLoadArgs([])).toEqual({ help: false, options: { durationSec: 5, connections: 10, configs: 20, validateResponses: false, token: DEFAULT_DEV_TOKEN } });
  });

  it("reads every flag, in both --flag value and --flag=value forms", () => {
    expect(parseLoadArgs(["--duration", "3", "--connections=4", "--configs", "2", "--validate-responses", "--url=http://127.0.0.1:9", "--token", "t"])).toEqual({
      help: false,
      options: { durationSec: 3, connections: 4, configs: 2, validateResponses: true, url: "http://127.0.0.1:9", token: "t" },
    });
  });

  it("asks for the usage on --help", () => {
    expect(parseLoadArgs(["--help"])).toEqual({ help: true });
  });

  it.each([
    [["--duration", "0"], "--duration must be 1..60 seconds"],
    [["--duration", "61"], "--duration must be 1..60 seconds"],
    [["--duration", "soon"], "--duration must be 1..60 seconds"],
    [["--connections", "0"], '--connections: expected an integer >= 1, got "0"'],
    [["--configs", "2.5"], '--configs: expected an integer >= 1, got "2.5"'],
    [["--bogus"], 'unknown argument "--bogus"'],
    [["--validate-responses=yes"], "--validate-responses takes no value"],
    [["--url"], "--url: needs a value"],
    [["fast"], 'unknown argument "fast"'],
  ])("refuses %j", (argv, message) => {
    expect(() => parseLoadArgs(argv)).toThrow(message);
  });
});

it("formatResults prints the settings and one row per scenario", () => {
  const options = { durationSec: 3, connections: 10, configs: 20, validateResponses: false, token: "t" };
  const table = formatResults([{ scenario: "GET by id", requestsPerSec: 100, p50Ms: 1, p99Ms: 4, total: 300, non2xx: 0, errors: 0 }], options);
  expect(table.split("\n")).toEqual([
    "3 s per scenario, 10 connections, loopback, response validation off",
    "",
    "| scenario | req/s (avg) | p50 ms | p99 ms | requests | non-2xx | errors |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    "| GET by id | 100 | 1 | 4 | 300 | 0 | 0 |",
  ]);
});
