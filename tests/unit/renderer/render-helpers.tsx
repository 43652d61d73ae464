import type { ReactElement } from 'react';
import { fireEvent, render, type RenderOptions } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';

/** Renders `ui` inside a fresh QueryClient (no retries, so a failed call shows at once). */
export function renderWithClient(ui: ReactElement, options: RenderOptions = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return { client, ...render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>, options) };
}

/**
 * Presses Enter in a text field the way a browser does: keydown, then (unless a handler
 * prevented it) implicit submission through the form's default button, which does nothing when
 * that button is disabled. jsdom implements the keydown but not the implicit submission.
 */
export function pressEnter(input: HTMLElement): void {
  const proceed = fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' });
  const form = (input as HTMLInputElement).form;
  if (!proceed || !form) return;
  const submit = Array.from(form.elements).find(
    (el): el is HTMLButtonElement | HTMLInputElement =>
      (el instanceof HTMLButtonElement || el instanceof HTMLInputElement) && el.type === 'submit',
  );
  if (submit && !submit.disabled) fireEvent.click(submit);
}

/** The text of the elements that describe `el` (`aria-describedby`), e.g. a field's helper or error text. */
export function descriptionOf(el: HTMLElement): string {
  const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids
    .map((id) => el.ownerDocument.getElementById(id)?.textContent ?? '')
    .join(' ')
    .trim();
}

/** A promise the test settles by hand, to hold long work open while progress events stream in. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
