import { makeIdNumber } from '../../src/people/id-card.js';
import { addDays } from '../../src/time/index.js';

/**
 * A deterministic demo township near Pingxiang, Jiangxi (芦溪县 area): ~300 older residents with
 * realistic ages, statuses and home coordinates scattered over a few villages.
 */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = ['刘', '李', '王', '张', '陈', '杨', '黄', '赵', '周', '吴', '彭', '钟', '易', '文', '邓', '肖', '罗', '曾', '谢', '胡'];
const GIVEN_M = ['建国', '国华', '德明', '长生', '福林', '金水', '永强', '秋生', '春发', '桂生', '志明', '水根'];
const GIVEN_F = ['秀英', '桂兰', '玉梅', '冬梅', '淑珍', '凤英', '春花', '金莲', '翠兰', '月娥', '素芳', '细妹'];
/** Village centres (lat, lng) around the township seat. */
export const TOWNSHIP_CENTRE = { lat: 27.6305, lng: 114.0312, name: '芦溪镇中心厨房' };
const VILLAGES = [
  { name: '新泉村', lat: 27.6421, lng: 114.0187 }, { name: '山田村', lat: 27.6188, lng: 114.0466 },
  { name: '长丰村', lat: 27.6512, lng: 114.0533 }, { name: '东阳村', lat: 27.6092, lng: 114.0201 },
  { name: '罗家村', lat: 27.6355, lng: 114.0702 }, { name: '南坑村', lat: 27.5989, lng: 114.0399 },
];

export interface DemoResident {
  name: string; gender: 'male' | 'female'; birthDate: string; idNumber: string; phone: string; address: string;
  lat: number; lng: number; livesAlone: boolean; cardNumber: string;
  statuses: { code: string; validFrom: string; validTo?: string | null }[];
}

export function demoResidents(count: number, today: string, seed = 20261123): DemoResident[] {
  const rnd = prng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const out: DemoResident[] = [];
  for (let i = 0; i < count; i++) {
    // Ages 60–101, more in their 70s and 80s, a few nonagenarians.
    const age = Math.min(101, 60 + Math.floor(Math.abs(rnd() + rnd() + rnd() - 1.2) * 22));
    const birth = addDays(`${Number(today.slice(0, 4)) - age}-01-01`, -Math.floor(rnd() * 365));
    const gender = rnd() < 0.56 ? 'female' : 'male';
    const seq = (i * 2 + (gender === 'male' ? 1 : 0)) % 1000;
    const village = pick(VILLAGES);
    const statuses: DemoResident['statuses'] = [];
    if (rnd() < 0.06) statuses.push({ code: 'extreme_poverty', validFrom: '2024-01-01' });
    if (rnd() < 0.12) statuses.push({ code: 'minimum_living', validFrom: '2025-03-01' });
    if (rnd() < 0.05) statuses.push({ code: 'severe_disability', validFrom: '2023-06-01' });
    if (rnd() < 0.04) statuses.push({ code: 'special_family', validFrom: '2022-01-01' });
    const livesAlone = rnd() < 0.35;
    if (livesAlone) statuses.push({ code: 'empty_nest', validFrom: '2024-01-01' });
    out.push({
      name: pick(SURNAMES) + pick(gender === 'male' ? GIVEN_M : GIVEN_F),
      gender,
      birthDate: birth,
      idNumber: makeIdNumber('360323', birth, seq),
      phone: `13${Math.floor(100000000 + rnd() * 899999999)}`,
      address: `江西省萍乡市芦溪县芦溪镇${village.name}${1 + Math.floor(rnd() * 80)}号`,
      lat: Number((village.lat + (rnd() - 0.5) * 0.012).toFixed(6)),
      lng: Number((village.lng + (rnd() - 0.5) * 0.012).toFixed(6)),
      livesAlone,
      cardNumber: `PX${String(100000 + i)}`,
      statuses,
    });
  }
  return out;
}
