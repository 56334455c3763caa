// Tests scripts/processes.ts on a child of this test: it is found by its command line and an environment entry
// only it has, not by either alone, and its peak RSS reads as a positive number of KiB; a gone pid reads null.
import { spawn } from "node:child_process";
import { peakRssKiB, processesWith } from "../../../scripts/processes";
import { pollUntil } from "../../../scripts/poll";

it("finds this run's process by command line and environment entry, and reads its peak RSS", async () => {
  const marker = `PROCESSES_TEST_MARKER=${process.pid}-${Date.now()}`;
  const [name, value] = marker.split("=");
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000) // processes-test-child"], { env: { ...process.env, [name]: value }, stdio: "ignore" });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    await pollUntil(() => processesWith(/processes-test-child/, marker).length > 0, { timeoutMs: 10_000, what: "the child listed" });
    expect(processesWith(/processes-test-child/, marker)).toEqual([child.pid]);
    expect(processesWith(/processes-test-child/, `${marker}-other`)).toEqual([]);
    expect(processesWith(/no-such-command-line/, marker)).toEqual([]);
    expect(peakRssKiB(child.pid as number)).toBeGreaterThan(0);
  } finally {
    child.kill("SIGKILL");
    await exited;
  }
  expect(peakRssKiB(child.pid as number)).toBeNull();
});
