// Provider memory for the benchmarks: the peak RSS (VmHWM) of this workspace's dynamic-provider processes, sampled
// from /proc every 250 ms while a command runs (processes matched by BENCH_WORKSPACE in their environment).
import { peakRssKiB, processesWith } from "../scripts/processes";

/** Samples the provider processes of the workspace `marker` between start() and stop(). */
export class RssSampler {
  private peak = 0;
  private timer?: NodeJS.Timeout;
  constructor(private readonly marker: string) {}
  start(): void {
    this.timer = setInterval(() => this.sample(), 250);
  }
  /** Stops sampling; the largest value seen in MiB (one decimal), or null when no process was seen. */
  stop(): number | null {
    if (this.timer) clearInterval(this.timer);
    return this.peak > 0 ? Math.round((this.peak / 1024) * 10) / 10 : null;
  }
  private sample(): void {
    for (const pid of processesWith(/dynamic-provider/, `BENCH_WORKSPACE=${this.marker}`)) {
      this.peak = Math.max(this.peak, peakRssKiB(pid) ?? 0);
    }
  }
}
