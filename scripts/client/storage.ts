/**
 * localStorage as the site's scripts use it: some private modes and full quotas refuse it, and a
 * refused read or write must never break a page, so a read gives null and a write says if it took.
 */
export function readStored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string): boolean {
  try {
    localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}
