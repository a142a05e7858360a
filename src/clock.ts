/** The one reader of the wall clock; everything else takes a Clock so that tests can fix time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that tests move by hand. */
export function manualClock(start: string | Date): Clock & { set(at: string | Date): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(at) { current = new Date(at); },
    advance(ms) { current = new Date(current.getTime() + ms); },
  };
}
