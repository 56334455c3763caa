// The short soak with the emulator keeping one previous relay key (`--previous-keys one`, the default and the
// cautious reading: LaunchDarkly does not document how many it keeps). soak-many.test.ts plays the other reading.
import { describeShortSoak } from "./support/short-soak";

describeShortSoak("one");
