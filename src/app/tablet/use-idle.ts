// Inactivity on a shared tablet: after a while without touch or keys, a warning with a way to ask
// for more time (WCAG 2.2.1), then the session locks.
import { useCallback, useEffect, useRef, useState } from 'react';

const activityEvents = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'] as const;

export interface Idle {
  /** Seconds left before the lock, while the warning shows; null otherwise. */
  secondsLeft: number | null;
  extend: () => void;
}

export function useIdle(idleSeconds: number, isActive: boolean, onExpire: () => void): Idle {
  const lastActivity = useRef(Date.now());
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const warnSeconds = Math.min(30, Math.floor(idleSeconds / 2));
  const expire = useRef(onExpire);
  expire.current = onExpire;

  const extend = useCallback(() => {
    lastActivity.current = Date.now();
    setSecondsLeft(null);
  }, []);

  useEffect(() => {
    if (!isActive) return;
    extend();
    const onActivity = () => {
      lastActivity.current = Date.now();
    };
    for (const name of activityEvents) window.addEventListener(name, onActivity, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      const left = Math.ceil(idleSeconds - (Date.now() - lastActivity.current) / 1000);
      if (left <= 0) {
        setSecondsLeft(null);
        expire.current();
      } else setSecondsLeft(left <= warnSeconds ? left : null);
    }, 500);
    return () => {
      for (const name of activityEvents) window.removeEventListener(name, onActivity, { capture: true });
      window.clearInterval(timer);
    };
  }, [idleSeconds, isActive, warnSeconds, extend]);

  return { secondsLeft, extend };
}
