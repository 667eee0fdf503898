/**
 * The one YAML reader for front matter, for gray-matter here and for Eleventy
 * (`setFrontMatterParsingOptions({ engines: { yaml: yamlEngine } })`). It uses the `yaml` package
 * with the YAML 1.2 core schema: an unquoted `2023-09-22` stays the string it is, instead of
 * becoming a Date at UTC midnight as js-yaml makes it, and duplicate keys are an error.
 */
import { parse } from "yaml";

/** Shared with the content check, which parses the same text again for positions: same options, same verdict. */
export const FRONT_MATTER_YAML_OPTIONS = { schema: "core", uniqueKeys: true } as const;

export function yamlEngine(source: string): Record<string, unknown> {
  // gray-matter ends the front matter at the "\n" before the closing `---`: in a CRLF file its last
  // line keeps a lone "\r", which YAML reads as part of the last value ("Title\r", a broken list).
  const data: unknown = parse(source.replace(/\r$/, ""), FRONT_MATTER_YAML_OPTIONS);
  if (data === null || data === undefined) return {};
  if (typeof data !== "object" || Array.isArray(data)) throw new Error("front matter must be a mapping of keys to values");
  return data as Record<string, unknown>;
}
