/**
 * Bar charts as plain geometry, drawn by layouts/partials/bar-chart.njk as SVG at build time: papers
 * per year, per month of a year, per author count. Pure: counts in, coordinates and labels out, so
 * the numbers a chart shows are the catalog's and can be checked without a browser.
 */
import { AUTHOR_BANDS, authorBand } from "./bands.js";
import type { AuthorGroup, YearGroup } from "./catalog.js";
import { countLabel } from "./format.js";

export interface BarInput {
  /** Short axis label: `2023`, `Jan`, `12`. */
  label: string;
  value: number;
  /** What the bar stands for, in words, for its link and the table: `September 2023`. */
  name: string;
  /** Its archive page; none for an empty month. */
  url?: string;
  /** Bars of one group share a label under the axis (author-count bands). */
  group?: string;
}

export interface Bar extends BarInput {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Centre of the bar, for its labels. */
  middle: number;
  showLabel: boolean;
  showValue: boolean;
}

export interface Tick {
  value: number;
  y: number;
}

export interface GroupLabel {
  label: string;
  middle: number;
  /** Where the group's bars start and end, for a bracket under them. */
  start: number;
  end: number;
}

export interface BarChart {
  /** Element ids derive from it. */
  id: string;
  title: string;
  description: string;
  /** Column headings of the table. */
  labelHeading: string;
  width: number;
  height: number;
  /** The x axis's y. */
  baseline: number;
  left: number;
  right: number;
  ticks: readonly Tick[];
  bars: readonly Bar[];
  groups: readonly GroupLabel[];
}

const PLOT_HEIGHT = 160;
const TOP = 20;
const LEFT = 40;
const RIGHT = 8;
const AXIS_LABELS = 18;
const GROUP_LABELS = 20;
/** Width the bars share when there are few of them; many bars make the chart wider instead of thinner. */
const PLOT_WIDTH = 560;
const MIN_SLOT = 12;
const MAX_SLOT = 64;
/** Rough width of a digit or letter at the chart's font size. */
const CHAR_WIDTH = 7;

/** 1, 2 or 5 times a power of ten: a step that gives at most `count` gridlines up to `max`. */
export function tickStep(max: number, count = 4): number {
  if (max <= 0) return 1;
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  return Math.max(1, step);
}

export interface ChartText {
  id: string;
  title: string;
  description: string;
  labelHeading: string;
}

export function barChart(inputs: readonly BarInput[], text: ChartText): BarChart {
  const max = Math.max(0, ...inputs.map((b) => b.value));
  const step = tickStep(max);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const slot = Math.min(MAX_SLOT, Math.max(MIN_SLOT, PLOT_WIDTH / Math.max(1, inputs.length)));
  const gap = Math.max(2, Math.round(slot * 0.2));
  const baseline = TOP + PLOT_HEIGHT;
  const scale = (v: number) => (v / top) * PLOT_HEIGHT;
  const longestLabel = Math.max(1, ...inputs.map((b) => b.label.length));
  // Every n-th axis label, so that labels never overlap.
  const labelEvery = Math.ceil((longestLabel * CHAR_WIDTH + 4) / slot);
  const round = (n: number) => Math.round(n * 10) / 10;
  const bars: Bar[] = inputs.map((input, i) => {
    const height = round(scale(input.value));
    const x = round(LEFT + i * slot + gap / 2);
    return {
      ...input,
      x,
      y: round(baseline - height),
      width: round(slot - gap),
      height,
      middle: round(LEFT + (i + 0.5) * slot),
      showLabel: i % labelEvery === 0,
      showValue: input.value > 0 && String(input.value).length * CHAR_WIDTH <= slot,
    };
  });
  const groups: GroupLabel[] = [];
  for (const bar of bars) {
    const last = groups.at(-1);
    if (bar.group === undefined) continue;
    const start = bar.x;
    const end = round(bar.x + bar.width);
    if (last && last.label === bar.group) {
      last.end = end;
      last.middle = round((last.start + end) / 2);
    } else groups.push({ label: bar.group, start, end, middle: round((start + end) / 2) });
  }
  const ticks: Tick[] = [];
  for (let value = 0; value <= top; value += step) ticks.push({ value, y: round(baseline - scale(value)) });
  return {
    ...text,
    width: Math.ceil(LEFT + inputs.length * slot + RIGHT),
    height: baseline + AXIS_LABELS + (groups.length > 0 ? GROUP_LABELS : 0),
    baseline,
    left: LEFT,
    right: Math.ceil(LEFT + inputs.length * slot),
    ticks,
    bars,
    groups,
  };
}

function papers(n: number): string {
  return countLabel(n, "paper");
}

/** Where the biggest bar is, in words (`where` says it for one bar), for a chart's description. */
function peak(inputs: readonly BarInput[], where: (bar: BarInput) => string): string {
  const top = inputs.reduce<BarInput | undefined>((best, b) => (best === undefined || b.value > best.value ? b : best), undefined);
  return top && top.value > 0 ? `; the most, ${papers(top.value)}, ${where(top)}` : "";
}

/** Papers per publication year, oldest year first, years without papers between the first and the last shown as 0 (as months are). */
export function yearsChart(years: readonly YearGroup[], undated: number): BarChart {
  const byYear = new Map(years.map((y) => [Number(y.year), y]));
  const known = [...byYear.keys()];
  const first = Math.min(...known);
  const inputs: BarInput[] = Array.from({ length: known.length > 0 ? Math.max(...known) - first + 1 : 0 }, (_, i) => {
    const label = String(first + i).padStart(4, "0");
    const year = byYear.get(first + i);
    return year ? { label, value: year.count, name: label, url: year.url } : { label, value: 0, name: label };
  });
  const span = inputs.length > 0 ? `from ${inputs[0]?.label} to ${inputs.at(-1)?.label}` : "none yet";
  return barChart(inputs, {
    id: "chart-years",
    title: "Papers per year of publication",
    description: `Bar chart of ${papers(inputs.reduce((n, b) => n + b.value, 0))} by the year they were published, ${span}${peak(inputs, (b) => `in ${b.name}`)}. ${papers(undated)} without a date ${undated === 1 ? "is" : "are"} not shown.`,
    labelHeading: "Year",
  });
}

const MONTH_ABBREVIATIONS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** Papers per month of one year, all twelve months. */
export function monthsChart(year: YearGroup): BarChart {
  const inputs: BarInput[] = MONTH_ABBREVIATIONS.map((label, i) => {
    const month = year.months.find((m) => Number(m.month) === i + 1);
    const input: BarInput = { label, value: month?.count ?? 0, name: month?.label ?? `${label} ${year.year}` };
    if (month) input.url = month.url;
    return input;
  });
  return barChart(inputs, {
    id: `chart-months-${year.year}`,
    title: `Papers per month of ${year.year}`,
    description: `Bar chart of the ${papers(year.count)} published in ${year.year}, by month${peak(inputs, (b) => `in ${b.name}`)}.`,
    labelHeading: "Month",
  });
}

/** Papers per author count, ascending, unknown last, grouped by the search filter's bands. */
export function authorsChart(groups: readonly AuthorGroup[]): BarChart {
  const inputs: BarInput[] = groups.map((g) => {
    const known = g.key !== "unknown";
    const band = authorBand(known ? Number(g.key) : undefined);
    return { label: known ? g.key : "?", value: g.count, name: g.label, url: g.url, group: band === "unknown" ? "?" : band };
  });
  const bands = AUTHOR_BANDS.filter((b) => inputs.some((i) => i.group === (b === "unknown" ? "?" : b)));
  return barChart(inputs, {
    id: "chart-authors",
    title: "Papers per number of authors",
    description: `Histogram of ${papers(inputs.reduce((n, b) => n + b.value, 0))} by their number of authors, one bar per count, grouped into the bands ${bands.join(", ")} (? is unknown)${peak(inputs, (b) => (b.label === "?" ? "with an unknown author count" : `with ${b.name}`))}.`,
    labelHeading: "Authors",
  });
}
