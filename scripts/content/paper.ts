/**
 * The one shape of a paper, shared by the ingest script, the Eleventy data and the tests, and the
 * runtime check of the front matter contributors edit, all made from the field table (fields.ts).
 */
import { z } from "zod";
import { PAPER_FIELDS, type FieldSpec, type FieldTable, type FieldValues } from "./fields.js";
import { closestMatch } from "./suggest.js";

export type FrontMatter = FieldValues<typeof PAPER_FIELDS>;
export type FrontMatterKey = keyof typeof PAPER_FIELDS & string;

export type Paper = FrontMatter & {
  /** Plain text; paragraphs separated by one blank line. */
  abstract: string;
};

/** A paper together with the file name (without `.md`) it lives in: its permanent URL segment. */
export interface PaperRecord extends Paper {
  slug: string;
}

/** A record as read from its file, with the Markdown body the page renders (a contributor may use Markdown in it). */
export interface PaperSource extends PaperRecord {
  body: string;
}

export type FrontMatterIssue = { path: (string | number)[]; message: string };

export type FrontMatterResult<T = FrontMatter> = { ok: true; value: T } | { ok: false; issues: FrontMatterIssue[] };

/** What a field table makes of front matter: its keys in file order, the schema, and the check every reader uses. */
export interface FrontMatterContract<F extends FieldTable> {
  fields: F;
  /** The order files are written in. */
  keys: readonly (keyof F & string)[];
  schema: z.ZodType<FieldValues<F>>;
  /**
   * Runtime check of parsed front matter. Never throws; reports every problem it finds, an unknown
   * key as an issue of its own (path: the key) with the known key it is probably a typo of.
   */
  check(data: unknown): FrontMatterResult<FieldValues<F>>;
}

export function frontMatterContract<F extends FieldTable>(fields: F): FrontMatterContract<F> {
  const keys = Object.keys(fields) as (keyof F & string)[];
  const entries = Object.entries(fields) as [string, FieldSpec][];
  const known: ReadonlySet<string> = new Set(keys);
  // Checked front matter holds its required keys first, then the optional ones, each in table order.
  const order = [...entries.filter(([, spec]) => !spec.optional), ...entries.filter(([, spec]) => spec.optional)];
  const limits = entries.flatMap(([key, spec]) => (spec.notAfterNewest === undefined ? [] : [[key, spec.notAfterNewest] as const]));
  const lengths = entries.flatMap(([key, spec]) => (spec.lengthIs === undefined ? [] : [[key, spec.lengthIs] as const]));
  // Issues that leave a compared date unread; one without a path ("") means the front matter is no mapping at all.
  // (A length is compared only when both values have their kinds' types, read or not.)
  const unread = new Set<PropertyKey>(["", ...limits.flat()]);

  function normalized(data: Record<string, unknown>): FieldValues<F> {
    const out: Record<string, unknown> = {};
    for (const [key, spec] of order) if (data[key] !== undefined) out[key] = spec.kind.normalize(data[key]);
    return out as FieldValues<F>;
  }

  function limitExceeded(data: Record<string, unknown>, key: string, list: string): string | undefined {
    const value = data[key] as string | undefined;
    const newest = [...((data[list] as string[] | undefined) ?? [])].sort().at(-1);
    return value && newest && value > newest ? newest : undefined;
  }

  function lengthDiffers(data: Record<string, unknown>, key: string, countKey: string): boolean {
    const list = data[key];
    const count = data[countKey];
    return Array.isArray(list) && list.length > 0 && typeof count === "number" && list.length !== count;
  }

  const shape = Object.fromEntries(entries.map(([key, spec]) => [key, spec.optional ? spec.kind.schema.optional() : spec.kind.schema]));
  const schema = z
    .strictObject(shape)
    .superRefine(
      (fm, ctx) => {
        for (const [key, list] of limits) {
          const newest = limitExceeded(fm, key, list);
          if (newest) ctx.addIssue({ code: "custom", path: [key], message: `${String(fm[key])} is after the newest digest it appeared in (${newest})` });
        }
        for (const [key, countKey] of lengths) {
          if (lengthDiffers(fm, key, countKey)) {
            const length = (fm[key] as unknown[]).length;
            ctx.addIssue({ code: "custom", path: [key], message: `lists ${length} but ${countKey} is ${String(fm[countKey])}: the two must agree` });
          }
        }
      },
      // Compare whenever both dates were read, so one run reports this beside other fields' problems.
      { when: (payload) => payload.issues.every((issue) => issue.code === "unrecognized_keys" || !unread.has(issue.path?.[0] ?? "")) },
    )
    .transform(normalized) as unknown as z.ZodType<FieldValues<F>>;

  /**
   * The schema's result for valid front matter in the shape ingest writes and reads back (a plain
   * object, dates as strings), reached by hand because zod costs more than the rest of writing a
   * paper file. Anything else, valid or not, gives undefined and goes to the schema, which stays the
   * definition of what is valid and the one source of messages; tests hold the two to agreeing.
   */
  function plain(data: unknown): FieldValues<F> | undefined {
    if (typeof data !== "object" || data === null || Object.getPrototypeOf(data) !== Object.prototype) return undefined;
    for (const key in data) if (!known.has(key)) return undefined;
    const values = data as Record<string, unknown>;
    for (const [key, spec] of entries) {
      const value = values[key];
      if (value === undefined ? !spec.optional : !spec.kind.isPlain(value)) return undefined;
    }
    for (const [key, list] of limits) if (limitExceeded(values, key, list) !== undefined) return undefined;
    for (const [key, countKey] of lengths) if (lengthDiffers(values, key, countKey)) return undefined;
    return normalized(values);
  }

  function unknownKey(key: string): string {
    const match = closestMatch(key, keys);
    return match ? `unknown key; did you mean "${match}"?` : `unknown key; the keys are ${keys.join(", ")}`;
  }

  function check(data: unknown): FrontMatterResult<FieldValues<F>> {
    const fast = plain(data);
    if (fast) return { ok: true, value: fast };
    const result = schema.safeParse(data);
    if (result.success) return { ok: true, value: result.data };
    return {
      ok: false,
      issues: result.error.issues.flatMap((issue): FrontMatterIssue[] => {
        const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
        if (issue.code === "unrecognized_keys") return issue.keys.map((key) => ({ path: [...path, key], message: unknownKey(key) }));
        return [{ path, message: issue.message }];
      }),
    };
  }

  return { fields, keys, schema, check };
}

export const paperContract = frontMatterContract(PAPER_FIELDS);
export const frontMatterSchema = paperContract.schema;
export const checkFrontMatter = paperContract.check;

/** `digests[1]: message`, or the message alone for the front matter as a whole. */
export function formatIssue(issue: FrontMatterIssue): string {
  const path = issue.path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
  return path ? `${path}: ${issue.message}` : issue.message;
}
