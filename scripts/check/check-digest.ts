/**
 * The problems of one digest manifest on its own: valid JSON, the manifest schema, a file name
 * that is its date, no paper listed twice. Positions come from parsing the JSON as YAML, which it is.
 */
import { digestManifestSchema, type DigestManifest, isCanonicalManifest, jsonErrorMessage, manifestTextProblems } from "../content/digest.js";
import { formatIssue } from "../content/paper.js";
import { FILE_START, locate, type Located, type Position } from "./positions.js";

export interface DigestCheck {
  problems: (Position & { message: string })[];
  /** Set when the manifest matches the schema and is named after its date: then the other files can be held to it. */
  manifest?: DigestManifest;
  located: Located;
}

const MANIFEST_NAME = /^(\d{4}-\d{2}-\d{2})\.json$/;

export function checkDigestText(name: string, text: string): DigestCheck {
  const located = locate(text, 1);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // V8 names the offset of most syntax errors, not all: then the YAML parser's first complaint
    // about the same text is the best guess. Its quote of the text may span lines; drop it.
    const message = jsonErrorMessage(error);
    const offset = /at position (\d+)/.exec(message)?.[1];
    const at = offset === undefined ? located.doc.errors[0]?.pos[0] : Number(offset);
    return { located, problems: [{ ...(at === undefined ? FILE_START : located.at(at)), message: `not valid JSON: ${message}` }] };
  }
  const problems: DigestCheck["problems"] = [];
  if (!isCanonicalManifest(text, data)) {
    for (const { offset, message } of manifestTextProblems(located.doc, text)) {
      problems.push({ ...located.at(offset), message });
    }
    if (problems.length > 0) return { located, problems };
  }
  const dated = MANIFEST_NAME.exec(name)?.[1];
  if (dated === undefined) problems.push({ ...FILE_START, message: "file name must be the digest's date: YYYY-MM-DD.json" });

  const result = digestManifestSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
      if (issue.code !== "unrecognized_keys") {
        problems.push({ ...located.value(path), message: formatIssue({ path, message: issue.message }) });
        continue;
      }
      for (const key of issue.keys) problems.push({ ...located.key([...path, key]), message: formatIssue({ path: [...path, key], message: "unknown key" }) });
    }
    return { located, problems };
  }
  const manifest = result.data;
  const first = new Map<string, number>();
  manifest.papers.forEach((entry, index) => {
    const earlier = first.get(entry.slug);
    if (earlier === undefined) first.set(entry.slug, index);
    else
      problems.push({
        ...located.value(["papers", index, "slug"]),
        message: `papers[${index}].slug: "${entry.slug}" is listed twice (first as papers[${earlier}])`,
      });
  });
  if (manifest.date === dated) return { located, problems, manifest };
  if (dated !== undefined) problems.push({ ...located.value(["date"]), message: `date: ${manifest.date} is not the date in the file name (${dated})` });
  return { located, problems };
}
