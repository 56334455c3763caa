// Tests emulator/clock.ts: a frozen clock moves only when set or advanced; an unfrozen one follows its base
// clock plus an offset.

import { ControllableClock } from "../../emulator/clock";

describe("ControllableClock", () => {
  it("frozen: set and advance", () => {
    const clock = ControllableClock.frozenAt(1000);
    expect(clock.now()).toBe(1000);
    clock.advance(5);
    expect(clock.now()).toBe(1005);
    clock.set(42);
    expect(clock.state()).toEqual({ now: 42, frozen: true, offsetMs: 0 });
  });

  it("unfrozen: base plus offset, and advance moves the offset", () => {
    let base = 500;
    const clock = new ControllableClock({ now: () => base });
    clock.setOffset(100);
    expect(clock.now()).toBe(600);
    base = 700;
    clock.advance(50);
    expect(clock.state()).toEqual({ now: 850, frozen: false, offsetMs: 150 });
  });

  it("setOffset unfreezes", () => {
    const clock = ControllableClock.frozenAt(1, { now: () => 10 });
    clock.setOffset(0);
    expect(clock.now()).toBe(10);
  });
});
