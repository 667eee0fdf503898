import { describe, expect, it } from "vitest";
import { formatDay } from "../../scripts/catalog/format.js";
import { dayLabel } from "../../scripts/client/day-label.js";

describe("a search result's day", () => {
  it("is labelled as the site labels it everywhere else", () => {
    const days: string[] = [];
    for (const year of [1999, 2024, 2026])
      for (let month = 1; month <= 12; month++)
        for (const day of [1, 9, 28]) days.push(`${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`);
    days.push("2024-02-29", "2026-12-31");
    for (const iso of days) expect(dayLabel(iso)).toBe(formatDay(iso));
  });

  it("is shown as it came when it is not a day", () => {
    expect(dayLabel("someday")).toBe("someday");
  });
});
