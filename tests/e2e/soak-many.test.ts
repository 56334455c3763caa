// The short soak with the emulator keeping every previous relay key (`--previous-keys many`), so the provider is
// shown safe under both readings of LaunchDarkly's key resets (soak.test.ts plays `one`).
import { describeShortSoak } from "./support/short-soak";

describeShortSoak("many");
