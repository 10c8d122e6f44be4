// The desk's Leaflet map (only when TILE_URL is configured): numbered stops, one colour per van
// (the same palette as the SVG drawing), click a stop for its details. Doors that share a village
// point (same or nearly the same coordinates) are fanned out on a ring of a fixed size in screen
// pixels (through the icon anchor), so every number stays readable and clickable at any zoom; the
// marker still sits on the true point and the line runs through it.
import { el } from '../web/app.js';

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f', '#393b79', '#637939'];
/** Points closer than this (degrees, ≈ 25 m) share a spot. */
const SAME_SPOT = 0.00025;

/**
 * Pixel offsets: stops at the same spot get spread on a ring whose radius grows with the group,
 * so 12 doors of one courtyard are 12 separate numbers. Pure (checked by the browser test).
 */
export function spreadOffsets(points) {
  const groups = new Map();
  points.forEach((p, i) => {
    const key = `${Math.round(p.lat / SAME_SPOT)}:${Math.round(p.lng / SAME_SPOT)}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(i);
  });
  const out = points.map(() => [0, 0]);
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const r = 14 * Math.max(1, members.length / 5);
    members.forEach((idx, k) => {
      const a = (2 * Math.PI * k) / members.length;
      out[idx] = [Math.round(r * Math.cos(a)), Math.round(r * Math.sin(a))];
    });
  }
  return out;
}

let map = null;
let layer = null;

export function drawLeafletMap(L, box, plan, { tileUrl, attribution, message, diets }) {
  if (!box || !L) return;
  if (!map) {
    map = L.map(box, { preferCanvas: false });
    L.tileLayer(tileUrl, { maxZoom: 19, attribution: attribution || '' }).addTo(map);
  }
  if (layer) layer.remove();
  layer = L.layerGroup().addTo(map);
  const kitchen = [plan.kitchen.lat, plan.kitchen.lng];
  L.marker(kitchen, { icon: L.divIcon({ className: 'desk-marker kitchen', html: 'K', iconSize: [24, 24] }), title: message('kitchenPin') }).addTo(layer);
  const stops = plan.routes.flatMap((r, i) => r.stops.filter((s) => s.lat !== null && s.lng !== null).map((s) => ({ ...s, route: r, colour: i % 12 })));
  const offsets = spreadOffsets(stops);
  plan.routes.forEach((r, i) => {
    const line = [kitchen, ...r.stops.filter((s) => s.lat !== null).map((s) => [s.lat, s.lng]), kitchen];
    L.polyline(line, { color: COLOURS[i % 12], weight: 3, opacity: 0.8 }).addTo(layer);
  });
  stops.forEach((s, i) => {
    const [dx, dy] = offsets[i];
    const icon = L.divIcon({ className: `desk-marker c${s.colour}`, html: String(s.stopNo), iconSize: [22, 22], iconAnchor: [11 - dx, 11 - dy] });
    const details = el('div', { class: 'desk-popup' },
      el('b', {}, message('stopDetails', { no: `${s.route.routeNo}-${s.stopNo}`, name: s.name })),
      el('div', {}, s.address || ''),
      el('div', {}, `${message('eta', { time: s.etaLocal })} · ${message('windowOf', s.window)}`),
      el('div', {}, `${message('meals', { qty: s.quantity })} · ${diets[s.diet] || s.diet}`));
    L.marker([s.lat, s.lng], { icon, title: `${s.route.routeNo}-${s.stopNo} ${s.name}` }).bindPopup(details).addTo(layer);
  });
  const bounds = L.latLngBounds([kitchen, ...stops.map((s) => [s.lat, s.lng])]);
  map.fitBounds(bounds, { padding: [20, 20] });
}
