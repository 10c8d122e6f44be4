import { escapeHtml as e } from '../views.js';

/**
 * An SVG picture of a plan: the kitchen, each route as a coloured line from the kitchen through
 * its numbered stops and back, unassigned orders as grey crosses, and a legend. Pure text, no
 * dependency; equirectangular projection (fine at town scale).
 */
export interface MapInput {
  title: string;
  kitchen: { name: string; lat: number; lng: number };
  routes: { routeNo: number; label: string; stops: { stopNo: number; name: string; lat: number | null; lng: number | null }[] }[];
  unassigned?: { name: string; lat: number | null; lng: number | null }[];
  /** The legend's line for the unassigned crosses, in the reader's words ("7 unassigned"). */
  unassignedLabel?: string;
}

/** Distinguishable colours (Tableau 10 + two); routes beyond 12 reuse them. */
export const ROUTE_COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f', '#393b79', '#637939'];

const W = 900;
const MAP_H = 640;
const PAD = 40;

export function renderRouteMap(input: MapInput): string {
  const located = <T extends { lat: number | null; lng: number | null }>(p: T): p is T & { lat: number; lng: number } => p.lat !== null && p.lng !== null;
  const all: { lat: number; lng: number }[] = [input.kitchen, ...input.routes.flatMap((r) => r.stops.filter(located)), ...(input.unassigned ?? []).filter(located)];
  const meanLat = all.reduce((s, p) => s + p.lat, 0) / all.length;
  const kx = Math.cos((meanLat * Math.PI) / 180);
  const xs = all.map((p) => p.lng * kx);
  const ys = all.map((p) => p.lat);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((W - 2 * PAD) / Math.max(maxX - minX, 1e-6), (MAP_H - 2 * PAD) / Math.max(maxY - minY, 1e-6));
  const offX = (W - (maxX - minX) * scale) / 2;
  const offY = (MAP_H - (maxY - minY) * scale) / 2;
  const px = (p: { lat: number; lng: number }) => [offX + (p.lng * kx - minX) * scale, offY + (maxY - p.lat) * scale].map((v) => Number(v.toFixed(1))) as [number, number];

  const legendRows = input.routes.length + (input.unassigned?.length ? 1 : 0);
  const H = MAP_H + 30 + legendRows * 22;
  const [kxp, kyp] = px(input.kitchen);
  const parts: string[] = [];
  input.routes.forEach((r, i) => {
    const colour = ROUTE_COLOURS[i % ROUTE_COLOURS.length];
    const pts = [px(input.kitchen), ...r.stops.filter(located).map(px), px(input.kitchen)];
    parts.push(`<polyline class="route" data-route="${r.routeNo}" points="${pts.map((p) => p.join(',')).join(' ')}" fill="none" stroke="${colour}" stroke-width="2.5" stroke-linejoin="round" opacity="0.85"/>`);
  });
  input.routes.forEach((r, i) => {
    const colour = ROUTE_COLOURS[i % ROUTE_COLOURS.length];
    for (const s of r.stops.filter(located)) {
      const [x, y] = px(s);
      parts.push(`<g class="stop" data-route="${r.routeNo}"><title>${e(`${r.routeNo}-${s.stopNo} ${s.name}`)}</title>` +
        `<circle cx="${x}" cy="${y}" r="9" fill="${colour}" stroke="#fff" stroke-width="1.5"/>` +
        `<text x="${x}" y="${y + 3.5}" text-anchor="middle" font-size="10" font-weight="bold" fill="#fff">${s.stopNo}</text></g>`);
    }
  });
  for (const u of (input.unassigned ?? []).filter(located)) {
    const [x, y] = px(u);
    parts.push(`<g class="unassigned"><title>${e(u.name)}</title><path d="M${x - 6},${y - 6}L${x + 6},${y + 6}M${x - 6},${y + 6}L${x + 6},${y - 6}" stroke="#555" stroke-width="2.5"/></g>`);
  }
  parts.push(`<g class="kitchen"><title>${e(input.kitchen.name)}</title><rect x="${kxp - 11}" y="${kyp - 11}" width="22" height="22" fill="#000" rx="3"/>` +
    `<text x="${kxp}" y="${kyp + 4.5}" text-anchor="middle" font-size="13" fill="#fff">K</text>` +
    `<text x="${kxp + 15}" y="${kyp - 12}" font-size="13" fill="#000">${e(input.kitchen.name)}</text></g>`);
  const legend = input.routes.map((r, i) => {
    const y = MAP_H + 30 + i * 22;
    return `<rect x="${PAD}" y="${y - 11}" width="24" height="6" fill="${ROUTE_COLOURS[i % ROUTE_COLOURS.length]}"/><text x="${PAD + 32}" y="${y - 3}" font-size="13">${e(r.label)}</text>`;
  });
  if (input.unassigned?.length) {
    const y = MAP_H + 30 + input.routes.length * 22;
    legend.push(`<text x="${PAD + 4}" y="${y - 3}" font-size="14" fill="#555">✕</text><text x="${PAD + 32}" y="${y - 3}" font-size="13">${e(input.unassignedLabel ?? String(input.unassigned.length))}</text>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Arial, 'Noto Sans CJK SC', sans-serif">
<title>${e(input.title)}</title>
<rect width="${W}" height="${H}" fill="#fafafa"/>
<text x="${PAD}" y="24" font-size="16" font-weight="bold">${e(input.title)}</text>
${parts.join('\n')}
${legend.join('\n')}
</svg>`;
}
