// Navigation links that open the phone's map app at a stop's coordinates, per the tenant's
// setting. Coordinates are stored as GPS (WGS-84): 高德 and 百度 are told so (dev=1,
// coord_type=wgs84) and convert themselves; 腾讯 takes them as they are.

const enc = encodeURIComponent;

/** The URL of the navigation link, or null for a stop without coordinates. */
export function navigationUrl(app, { lat, lng, name }) {
  if (typeof lat !== 'number' || typeof lng !== 'number') return null;
  const label = name || '';
  switch (app) {
    case 'amap':
      return `amapuri://route/plan/?dlat=${lat}&dlon=${lng}&dname=${enc(label)}&dev=1&t=0&sourceApplication=eldercare`;
    case 'baidu':
      return `baidumap://map/direction?destination=${enc(`latlng:${lat},${lng}|name:${label}`)}&coord_type=wgs84&mode=driving&src=eldercare`;
    case 'qq':
      return `qqmap://map/routeplan?type=drive&tocoord=${lat},${lng}&to=${enc(label)}&referer=eldercare`;
    default:
      return `geo:${lat},${lng}?q=${lat},${lng}(${enc(label)})`;
  }
}

/** A tel: link only for a full number: a masked one (138****5678) would call nobody. */
export function telUrl(phone) {
  if (!phone || phone.includes('*')) return null;
  return `tel:${phone.replace(/[^0-9+]/g, '')}`;
}
