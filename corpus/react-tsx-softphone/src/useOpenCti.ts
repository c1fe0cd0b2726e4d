/*
 * ctimod corpus: react-tsx-softphone/src/useOpenCti.ts - React hooks that hand out window.sforce?.opencti through getter functions for a VendorPhone softphone
 * Patterns: typescript, optional-chaining, alias-getter-function, window-sforce
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 *
 * opencti_min.js is injected by the Visualforce host page and may finish loading after
 * React has mounted, so components never capture the object itself: they call the getter
 * each time and tolerate `undefined` with optional chaining.
 */

import { useCallback, useEffect, useState } from 'react';

export interface OpenCtiResponse<T = unknown> {
  success: boolean;
  returnValue: T | null;
  errors: Array<{ code: string; description: string }> | null;
}

export interface ClickToDialPayload {
  number: string;
  recordId?: string;
  recordName?: string;
  objectType?: string;
}

declare global {
  interface Window {
    // Salesforce publishes no typings for Open CTI.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    sforce?: { opencti?: any; interaction?: any };
  }
}

/** Plain getter for code outside React components. */
export const getOpenCti = () => window.sforce?.opencti;

/** True when the Lightning Open CTI script has been loaded into this frame. */
export function isOpenCtiLoaded(): boolean {
  return typeof window.sforce?.opencti?.screenPop === 'function';
}

/**
 * Returns a stable getter for the Lightning Open CTI object. Call it at the point of use:
 *   const openCti = useOpenCti();
 *   openCti()?.refreshView({});
 */
export function useOpenCti() {
  return useCallback(() => window.sforce?.opencti, []);
}

/**
 * Becomes true once Open CTI is available; gives up after timeoutMs so the UI can show
 * "not running inside Salesforce" instead of waiting forever.
 */
export function useOpenCtiReady(pollMs = 200, timeoutMs = 15000): { ready: boolean; timedOut: boolean } {
  const [ready, setReady] = useState<boolean>(isOpenCtiLoaded());
  const [timedOut, setTimedOut] = useState(false);

  useEffect(() => {
    if (ready) {
      return undefined;
    }
    const started = Date.now();
    const timer = window.setInterval(() => {
      if (isOpenCtiLoaded()) {
        setReady(true);
        window.clearInterval(timer);
      } else if (Date.now() - started > timeoutMs) {
        setTimedOut(true);
        window.clearInterval(timer);
      }
    }, pollMs);
    return () => window.clearInterval(timer);
  }, [ready, pollMs, timeoutMs]);

  return { ready, timedOut };
}

/** Formats the errors array of an Open CTI response for a toast. */
export function describeOpenCtiError(response: OpenCtiResponse | undefined): string {
  const errors = response?.errors ?? [];
  return errors.length ? errors.map((e) => `${e.code}: ${e.description}`).join('; ') : 'unknown error';
}
