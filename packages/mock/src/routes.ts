/**
 * Matching request URLs to the contract's routes, as msw matches them
 * (path-to-regexp: any case, an optional trailing slash, parameters
 * decoded), without msw (decision 029).
 */

/** True when every `%` escape of `pathname` decodes (path-to-regexp throws on the others). */
export function decodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/** The parameters of `url` when it matches the route `pattern` (a path, or an absolute URL with `:param` segments). */
export function matchRoute(pattern: string, url: URL): Record<string, string> | undefined {
  const route = new URL(pattern, url.origin);
  if (/^[a-z][a-z\d+.-]*:/i.test(pattern) && route.origin !== url.origin) return undefined;
  const parts = route.pathname.split('/');
  let path = url.pathname.split('/');
  if (path.length === parts.length + 1 && path[path.length - 1] === '') path = path.slice(0, -1);
  if (path.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const segment = path[i]!;
    if (part.startsWith(':')) {
      if (segment === '') return undefined;
      params[part.slice(1)] = decodeURIComponent(segment);
    } else if (part.toLowerCase() !== segment.toLowerCase()) {
      return undefined;
    }
  }
  return params;
}

/** True when `url` is under `base` (an absolute URL, or a path on any origin). */
export function underBase(base: string, url: string): boolean {
  const target = new URL(url);
  const absolute = /^[a-z][a-z\d+.-]*:/i.test(base);
  const prefix = absolute ? base : base.startsWith('/') ? base : `/${base}`;
  const here = absolute ? target.origin + target.pathname : target.pathname;
  return here.startsWith(`${prefix}/`);
}

/** True when `pathname` matches a route pattern with `:param` segments. */
export function matches(pattern: string, pathname: string): boolean {
  const route = new URL(pattern, 'http://x').pathname.split('/');
  const path = pathname.split('/');
  return route.length === path.length && route.every((part, i) => part.startsWith(':') || part === path[i]);
}
