import { useEffect, useState } from 'react';

/** The current `#/path?query` route; hash routing works the same from file:// and serve mode. */
export function useHashRoute(): { path: string; params: URLSearchParams } {
  const read = () => {
    const raw = window.location.hash.replace(/^#/, '') || '/';
    const [path = '/', query = ''] = raw.split('?');
    return { path, params: new URLSearchParams(query) };
  };
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const on = () => setRoute(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

/** Navigates to a route (`navigate('/logs', { file: 'x' })`). */
export function navigate(path: string, params?: Record<string, string>): void {
  const q = params ? `?${new URLSearchParams(params).toString()}` : '';
  window.location.hash = `#${path}${q}`;
}
