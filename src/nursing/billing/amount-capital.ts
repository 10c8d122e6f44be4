/**
 * An amount in Chinese financial capital numerals (大写金额), as a cashier's office writes it on an
 * invoice: 12345.60 → 壹万贰仟叁佰肆拾伍元陆角整; 1005.00 → 壹仟零伍元整; 0.05 → 伍分.
 * Rules: one 零 for each run of zeros inside a 4-digit group or between groups (never at the
 * end of the yuan part); 整 after 元 or 角 when there are no 分; a zero 角 between 元 and 分 is 零
 * (1.05 → 壹元零伍分). Input in fen (integer cents) so no float rounding reaches the words.
 */
const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const UNITS = ['', '拾', '佰', '仟'];
const GROUPS = ['', '万', '亿', '万亿'];

function yuanWords(yuan: bigint): string {
  if (yuan === 0n) return '';
  const groups: number[] = [];
  for (let y = yuan; y > 0n; y /= 10000n) groups.push(Number(y % 10000n));
  let out = '';
  let zeroPending = false;
  for (let g = groups.length - 1; g >= 0; g--) {
    const n = groups[g];
    if (n === 0) { zeroPending = out !== ''; continue; }
    // A group below 1000 after a higher group needs a 零 (壹万零伍), as does a gap of empty groups.
    if (out !== '' && (zeroPending || n < 1000)) out += '零';
    zeroPending = false;
    let inner = '';
    let innerZero = false;
    for (let pos = 3; pos >= 0; pos--) {
      const d = Math.floor(n / 10 ** pos) % 10;
      if (d === 0) { innerZero = inner !== ''; continue; }
      if (innerZero) inner += '零';
      innerZero = false;
      inner += DIGITS[d] + UNITS[pos];
    }
    out += inner + GROUPS[g];
  }
  return out;
}

/** Words for an amount in fen (分); throws RangeError for negative or non-integer input. */
export function amountInCapitals(fen: number | bigint): string {
  const f = typeof fen === 'bigint' ? fen : BigInt(Number.isSafeInteger(fen) ? fen : NaN);
  if (f < 0n) throw new RangeError('amount must not be negative');
  if (f === 0n) return '零元整';
  const yuan = f / 100n;
  const jiao = Number((f / 10n) % 10n);
  const fenDigit = Number(f % 10n);
  let out = yuan > 0n ? `${yuanWords(yuan)}元` : '';
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (fenDigit > 0 && yuan > 0n) out += '零';
  if (fenDigit > 0) out += `${DIGITS[fenDigit]}分`;
  else out += '整';
  return out;
}
