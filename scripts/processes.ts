// Finding this run's own processes in /proc (Linux), for the benchmarks' provider memory figures and the crash
// tests' kills: a process is matched by its command line and by an entry of its environment that only this run
// sets (its PULUMI_HOME, a workspace marker), so another run's processes are never touched.
import * as fs from "node:fs";

/** Pids of the processes whose command line matches `cmdline` and whose environment contains `envEntry` (`NAME=value`). */
export function processesWith(cmdline: RegExp, envEntry: string): number[] {
  let entries: string[];
  try {
    entries = fs.readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
  } catch {
    return [];
  }
  return entries.flatMap((pid) => {
    try {
      if (!cmdline.test(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8"))) return [];
      return fs.readFileSync(`/proc/${pid}/environ`, "utf8").includes(envEntry) ? [Number(pid)] : [];
    } catch {
      return []; // the process ended meanwhile
    }
  });
}

/** The peak resident set size (VmHWM) of `pid` in KiB, or null when it is gone or does not say. */
export function peakRssKiB(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}
