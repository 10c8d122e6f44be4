import { defineMessages } from '../i18n/index.js';

/**
 * Sentences of the canteen API (checkout, voids, adjustments, policies, settlement, audit) in the
 * reader's locale. The en side is the English the API has always answered (integrators' tests read it).
 */
export const CM = defineMessages('canteen.error', {
  /** Two refusals of one checkout in one detail (outside the hours and recorded late). */
  bothNeeds: { zh: '{first}{second}', en: '{first} {second}' },
  defaultPolicyName: { zh: '默认助餐补贴政策', en: 'Default subsidy policy (SPEC §2)' },
  unknownCardDetail: { zh: '没有就餐人持有这个卡号。', en: 'No diner holds this card number.' },
  unknownCard: { zh: '未知的卡号。', en: 'Unknown card.' },
  overrideOnlyManager: {
    zh: '只有管理员（食堂负责人）可以特批供餐时间外结账或补录就餐。',
    en: 'Only a manager (admin) may override the serving hours or record a late meal.',
  },
  overrideByManager: { zh: '此项特批须由管理员录入。', en: 'A manager must record this override.' },
  servedInFuture: { zh: '就餐时间不能晚于现在。', en: 'A meal cannot be served in the future.' },
  laterThanNow: { zh: '晚于当前时间。', en: 'Later than now.' },
  slotNotSold: { zh: '{canteen}不供应{slot}。', en: '{canteen} does not sell {slot}.' },
  noSlotPrice: { zh: '本食堂没有{slot}的价格。', en: 'No {slot} price at this canteen.' },
  beforeBirthDetail: { zh: '就餐日期早于就餐人的出生日期。', en: 'The meal date is before the diner’s birth date.' },
  beforeBirth: { zh: '早于就餐人的出生日期。', en: 'Before the diner’s birth date.' },
  tooManyCheckouts: { zh: '该就餐人同时结账的请求过多，请重试。', en: 'Too many simultaneous checkouts for this diner; try again.' },
  outsideHours: {
    zh: '{time}不在供餐时间内（{where}），需要管理员特批。',
    en: '{time} is outside the serving hours ({where}); a manager override is needed.',
  },
  slotServed: { zh: '{slot}供餐时间为{from}–{to}', en: '{slot} is served {from}–{to}' },
  slotNoHours: { zh: '本食堂没有设置{slot}供餐时间', en: 'this canteen has no {slot} serving hours' },
  lateRecord: {
    zh: '该餐已是{minutes}分钟前供应，超过允许的{tolerance}分钟，需要管理员特批。',
    en: 'Served {minutes} min ago, more than the {tolerance} min allowed; a manager override is needed.',
  },
  versionStartsLater: {
    zh: '第{version}版已于{date}起执行，新版本须在其之后开始。',
    en: 'Version {version} already starts on {date}; a new version must start after it.',
  },
  mustBeAfter: { zh: '须晚于{date}。', en: 'Must be after {date}.' },
  mealsRecordedUpTo: {
    zh: '已录入截至{date}的就餐记录，新版本会改变对这些记录的补贴判定。',
    en: 'Meals are recorded up to {date}; a new version would change how they are judged.',
  },
  mustBeOnOrAfter: { zh: '须为{date}或之后。', en: 'Must be {date} or later.' },
  monthNotOver: {
    zh: '只能结算已经结束的月份；在{zone}时区，{month}尚未结束。',
    en: 'Only a month that has ended can be settled; {month} is not over yet in {zone}.',
  },
  mustBeBefore: { zh: '须早于{month}。', en: 'Must be before {month}.' },
  alreadyAcknowledged: { zh: '该问题已于 {atLocal} 确认过。', en: 'Already acknowledged at {at}.' },
  notOperator: {
    zh: '只有在职且具有食堂收银员角色的用户才能绑定到食堂。',
    en: 'Only an active user with the canteen_operator role can be bound to a canteen.',
  },
  notOperatorField: { zh: '不是在职的食堂收银员。', en: 'Not an active canteen_operator.' },
  scanFuture: { zh: '不能检查未来的日期。', en: 'Cannot scan the future.' },
  afterToday: { zh: '晚于今天（{today}）。', en: 'After today ({today}).' },
  monthSettled: {
    zh: '本食堂{month}月已结算（{at}锁定），请改为录入调整。',
    en: 'The month {month} of this canteen is settled (locked {at}); record an adjustment instead.',
  },
  alreadyVoided: { zh: '该餐已作废。', en: 'The meal is already voided.' },
  voidTodayOnly: {
    zh: '只能作废今天（{today}）的就餐记录，这条是{date}的，请改为录入调整。',
    en: 'Only meals of today ({today}) can be voided; this one is from {date}. Record an adjustment instead.',
  },
  voidedNoAdjust: { zh: '已作废的就餐记录不能调整。', en: 'A voided meal cannot be adjusted.' },
  subsidyOutOfRange: {
    zh: '调整后补贴将为{next}分，须在0到餐价{price}分之间。',
    en: 'The subsidy would become {next} fen; it must stay between 0 and the price {price}.',
  },
  amountBetween: { zh: '须在{min}到{max}之间。', en: 'Must be between {min} and {max}.' },
  noPolicyForAdjustment: {
    zh: '{date}没有有效的补贴政策，没有资金来源可以承担调整。',
    en: 'No subsidy policy was in force on {date}: no fund can pay an adjustment.',
  },
});

/** What a 404 of the canteen domain names ("未找到该{what}。"). */
export const CN = defineMessages('canteen.noun', {
  canteen: { zh: '食堂', en: 'canteen' },
  person: { zh: '人员', en: 'person' },
  meal: { zh: '就餐记录', en: 'meal' },
  settlement: { zh: '结算记录', en: 'settlement' },
  finding: { zh: '审计问题', en: 'finding' },
  policy: { zh: '补贴政策', en: 'subsidy policy' },
  operatorBinding: { zh: '收银员绑定', en: 'operator binding' },
  user: { zh: '用户', en: 'user' },
});

/** Messages of the canteen zod schemas (their keys are the schemas' messages). */
export const CS = defineMessages('canteen.schema', {
  month: { zh: '月份格式应为 YYYY-MM。', en: 'Expected a month YYYY-MM.' },
  monthRange: { zh: '月份应在{min}至{max}之间。', en: 'Expected a month between {min} and {max}.' },
  priceRequired: { zh: '请至少为一个餐次设置价格。', en: 'Give a price for at least one slot.' },
  oneIdentifier: {
    zh: '请用且只用一种方式识别就餐人：personId、idNumber 或 cardNumber。',
    en: 'Identify the diner by exactly one of personId, idNumber or cardNumber.',
  },
  zeroAdjustment: { zh: '调整金额为0，不会改变任何内容。', en: 'An adjustment of 0 changes nothing.' },
  effectiveToBeforeFrom: { zh: '截止日期（effectiveTo）不能早于生效日期（effectiveFrom）。', en: 'effectiveTo must not be before effectiveFrom.' },
  localTime: { zh: '时间格式应为 HH:mm。', en: 'Expected a local time HH:mm.' },
  windowOrder: { zh: '结束时间须晚于开始时间（同一天内）。', en: 'The window must end after it starts (same day).' },
  windowOverlap: {
    zh: '与{slot}时段（{from}–{to}）重叠；时段应按早餐、午餐、晚餐先后排列。',
    en: 'Overlaps the {slot} window ({from}–{to}); windows go breakfast < lunch < dinner.',
  },
});

/** Words of the subsidy rule-set issue codes (the pure solver's RULE_ISSUES; one sentence per code). */
export const SR = defineMessages('subsidy.rules', {
  exactlyOneAmountOrFree: { zh: '请只填写“amount”（分）或“free”: true 中的一项。', en: 'give exactly one of "amount" (fen) or "free": true' },
  maxBelowMin: { zh: '最高年龄（maxAge）不能小于最低年龄（minAge）。', en: 'maxAge must be >= minAge' },
  unknownStatus: { zh: '未知的身份类别，可选：{expected}。', en: 'unknown status; expected one of {expected}' },
  unknownSlot: { zh: '未知的餐次，可选：{expected}。', en: 'unknown slot; expected one of {expected}' },
  exactlyOnePercentOrAmount: { zh: '请只填写“percent”或“amount”中的一项。', en: 'give exactly one of "percent" or "amount"' },
  tierOverlap: { zh: '年龄段 {tier} 与年龄段 {other} 重叠。', en: 'age tier {tier} overlaps tier {other}' },
  duplicateFund: { zh: '资金来源“{fund}”重复。', en: 'duplicate fund "{fund}"' },
  fundTotal: { zh: '各资金来源比例之和须为100，现为{total}。', en: 'fund percents must sum to 100, got {total}' },
});
