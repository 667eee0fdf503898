/** The element a page's own template must hold; missing, it is a template bug, so fail loudly. */
export function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`${location.pathname} is missing #${id}`);
  return found as T;
}
