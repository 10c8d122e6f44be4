/**
 * Why a stop is left out. Rule (documented in README.md):
 *  1. pinned to a vehicle id that is not in the fleet → `pinned_vehicle_unavailable`;
 *     no vehicle at all (empty fleet) → `no_vehicle`.
 *  2. Alone in an empty route, each candidate vehicle is checked in the order
 *     capacity → time_window (window unreachable from the start) → shift (cannot be back by the
 *     shift end, or route duration too long even alone) → ride_time (too far even direct).
 *     If no vehicle passes all checks, the reason is the first failed check of the vehicle that
 *     got furthest (the "closest to feasible" vehicle).
 *  3. It fits alone somewhere but not with the other stops: `capacity` when every such vehicle is
 *     full; otherwise `time_window` when some vehicle has room but no window-feasible position;
 *     otherwise `ride_time` (room and window exist, but a ride-time/duration limit blocks).
 */
import { PIN_UNAVAILABLE, earliestStart, type Model } from './model.js';
import { violatedLimit, type State } from './state.js';
import type { UnassignedReason } from './types.js';

const STAGES: UnassignedReason[] = ['capacity', 'time_window', 'shift', 'ride_time'];

/** How far stop u gets through the checks alone in vehicle v (4 = fits alone). */
function aloneStage(md: Model, u: number, v: number, seq: Int32Array): number {
  const { tt, N } = md;
  if (md.demand[u] > md.vCap[v]) return 0;
  const start = md.vStart[v];
  const end = md.vEnd[v];
  const s = earliestStart(md, u, md.vShiftStart[v] + tt[start * N + u]);
  if (s === Infinity) return 1;
  if (s + tt[u * N + end] > md.vShiftEnd[v]) return 2;
  seq[0] = start;
  seq[1] = u;
  seq[2] = end;
  const bad = violatedLimit(md, v, seq, 1);
  if (bad >= 0) {
    // Blame the ride when the direct drive alone is too long; otherwise the duration cap.
    return tt[start * N + u] > md.maxRide[u] ? 3 : 2;
  }
  return 4;
}

/** What blocks u in route r of `st` although it fits alone: 0 capacity, 1 window, 2 limits, 3 nothing. */
function withOthers(st: State, u: number, r: number, seq: Int32Array): number {
  const md = st.md;
  if (st.load[r] + md.demand[u] > md.vCap[r]) return 0;
  const { tt, N } = md;
  const b = r * st.S;
  const len = st.len[r];
  let windowOk = false;
  for (let p = 0; p <= len; p++) {
    const s = earliestStart(md, u, st.E[b + p] + tt[st.nodes[b + p] * N + u]);
    if (s === Infinity || s + tt[u * N + st.nodes[b + p + 1]] > st.Lt[b + p + 1]) continue;
    windowOk = true;
    for (let i = 0; i <= p; i++) seq[i] = st.nodes[b + i];
    seq[p + 1] = u;
    for (let i = p + 1; i <= len + 1; i++) seq[i + 1] = st.nodes[b + i];
    if (violatedLimit(md, r, seq, len + 1) < 0) return 3;
  }
  return windowOk ? 2 : 1;
}

/** Reason why absent stop u of the final state is unassigned (see the module comment). */
export function unassignedReason(st: State, u: number): UnassignedReason {
  return unassignedCause(st, u).reason;
}

/**
 * The reason, and whether the stop would fit alone on some candidate vehicle (rule 3): then the
 * door itself is reachable and the fleet or the window is too small for everyone — what a
 * manager must be told instead of "too far".
 */
export function unassignedCause(st: State, u: number): { reason: UnassignedReason; fitsAlone: boolean } {
  const md = st.md;
  const allowed = md.allowedVehicle[u];
  if (allowed === PIN_UNAVAILABLE) return { reason: 'pinned_vehicle_unavailable', fitsAlone: false };
  if (md.m === 0) return { reason: 'no_vehicle', fitsAlone: false };
  const seq = new Int32Array(st.S + 1);
  const vehicles = allowed >= 0 ? [allowed] : Array.from({ length: md.m }, (_, v) => v);
  let furthest = -1;
  let full = 0;
  let timeBlocked = 0;
  let candidates = 0;
  for (const v of vehicles) {
    const stage = aloneStage(md, u, v, seq);
    furthest = Math.max(furthest, stage);
    if (stage < 4) continue;
    candidates++;
    const w = withOthers(st, u, v, seq);
    if (w === 0) full++;
    else if (w === 1) timeBlocked++;
  }
  if (furthest < 4) return { reason: STAGES[furthest], fitsAlone: false };
  if (full === candidates) return { reason: 'capacity', fitsAlone: true };
  return { reason: timeBlocked > 0 ? 'time_window' : 'ride_time', fitsAlone: true };
}
