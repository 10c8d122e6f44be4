import { defineMessages } from '../i18n/index.js';

/** What delivery refuses, in the reader's words: problem details and field messages of the API. */
export const DE = defineMessages('delivery.error', {
  // set-up: slots, kitchens, vehicles
  unknownSlot: { zh: '没有餐次“{code}”。', en: "Unknown meal slot '{code}'." },
  noSuchSlot: { zh: '本机构没有这个餐次。', en: 'No such slot in this tenant.' },
  nameKitchen: { zh: '请指定厨房：本机构有多个厨房。', en: 'Name the kitchen: this tenant has several.' },
  createKitchen: { zh: '请先创建厨房。', en: 'Create a kitchen first.' },
  kitchenRequired: { zh: '机构有多个厨房时必须指定。', en: 'Required when the tenant has more than one kitchen.' },
  noSuchUser: { zh: '没有这个用户。', en: 'No such user.' },
  unknownUser: { zh: '不认识的用户。', en: 'Unknown user.' },
  notDriver: { zh: '该用户不是送餐员。', en: 'The user is not a driver.' },
  needsDriverRole: { zh: '需要送餐员角色。', en: 'Needs the driver role.' },
  shiftOrder: { zh: '班次的开始时间必须早于结束时间。', en: 'The shift must start before it ends.' },
  notAfter: { zh: '须晚于 {time}。', en: 'Not after {time}.' },
  // recipients, meal plans, holds
  noSuchKitchen: { zh: '没有这个厨房。', en: 'No such kitchen.' },
  unknownKitchen: { zh: '不认识的厨房。', en: 'Unknown kitchen.' },
  unknownSlots: { zh: '没有这些餐次：{codes}。', en: 'Unknown meal slot(s): {codes}.' },
  knownSlots: { zh: '现有餐次：{codes}。', en: 'Known slots: {codes}.' },
  noSuchPerson: { zh: '没有这个人。', en: 'No such person.' },
  registerPerson: { zh: '请先登记此人（POST /people）。', en: 'Register the person first (POST /people).' },
  alreadyRecipient: { zh: '此人已经是送餐对象。', en: 'This person is already a delivery recipient.' },
  alreadyRecipientField: { zh: '已是送餐对象。', en: 'Already a recipient.' },
  planEndsBeforeStart: { zh: '订餐计划的结束日期早于开始日期。', en: 'The plan would end before it starts.' },
  before: { zh: '早于 {date}。', en: 'Before {date}.' },
  bothWindowEnds: { zh: '请同时填写 windowStart 和 windowEnd，或都不填。', en: 'Give both windowStart and windowEnd, or neither.' },
  incompleteWindow: { zh: '送达时段不完整。', en: 'Incomplete window.' },
  holdEndsBeforeStart: { zh: '暂停送餐的结束日期早于开始日期。', en: 'The hold would end before it starts.' },
  // orders
  vehicleOtherKitchen: { zh: '这辆车不属于该订单的厨房。', en: 'The vehicle does not belong to the order’s kitchen.' },
  unknownVehicleForKitchen: { zh: '这个厨房没有这辆车。', en: 'Unknown vehicle for this kitchen.' },
  mealHasOutcome: { zh: '这份餐已有送餐结果（{outcome}）。', en: 'The meal already has an outcome ({outcome}).' },
  // route plans
  cannotReplan: { zh: '状态为“{status}”的方案不能重新排线。', en: 'A {status} plan cannot be re-planned.' },
  cannotReplanPublished: {
    zh: '已发布的方案不能重新排线；请为同一厨房、日期和餐次新建方案（会从这个方案开始）。',
    en: 'A published plan cannot be re-planned; create a new plan for the same kitchen, date and slot (it starts from this one).',
  },
  publishOnlyDone: { zh: '只有计算完成的草稿才能发布；这个方案当前为“{status}”。', en: 'Only a finished draft can be published; this plan is {status}.' },
  editOnlyDone: { zh: '只有计算完成的草稿才能调整；这个方案当前为“{status}”。', en: 'Only a finished draft can be edited; this plan is {status}.' },
  orderNotInPlan: { zh: '这个订单不属于该方案的厨房、日期和餐次。', en: 'The order is not part of this plan’s kitchen, date and slot.' },
  notInPlan: { zh: '不在这个方案中。', en: 'Not in this plan.' },
  orderCancelled: { zh: '这个订单已取消。', en: 'The order is cancelled.' },
  noActiveVehicle: { zh: '该方案的厨房没有这辆在用的车。', en: 'No active vehicle with this id in the plan’s kitchen.' },
  unknownVehicle: { zh: '不认识的车辆。', en: 'Unknown vehicle.' },
  noCoordinates: { zh: '{name} 没有地图坐标。', en: '{name} has no map coordinates.' },
  // driver outcomes, undo, corrections, handover, proofs
  inFuture: {
    zh: '不能晚于现在（比服务器时间快了 {minutes} 分钟以上）。',
    en: 'Must not be in the future (more than {minutes} min ahead of the server clock).',
  },
  beforeDeparture: { zh: '不能早于送餐车离开厨房的时间（{time}）。', en: 'Must not be before the route left the kitchen ({time}).' },
  routeSuperseded: { zh: '这条路线已被新方案取代，请刷新路线。', en: 'This route was replaced by a newer plan; reload your routes.' },
  routeNotPublished: { zh: '这条路线还没有发布。', en: 'This route is not published yet.' },
  mealCancelled: { zh: '这份餐已取消，不能再记录送餐结果。', en: 'This meal was cancelled; no outcome can be recorded.' },
  outcomeFixed: { zh: '这一站已是“{current}”，不能改为“{next}”。', en: 'The stop is already {current}; it cannot become {next}.' },
  nothingToUndo: {
    zh: '这一站没有您可撤销的操作；请联系厨房管理员更正。',
    en: 'There is no tap of yours on this stop to undo; ask the kitchen manager to correct it.',
  },
  undoExpired: {
    zh: '{minutes} 分钟的撤销时间已过；请联系厨房管理员更正。',
    en: 'The {minutes} minutes to undo are over; ask the kitchen manager to correct it.',
  },
  nothingToCorrect: { zh: '这一站在该时间已是“{current}”，无需更正。', en: 'The stop is already {current} at that time; nothing to correct.' },
  handoverOldPlan: {
    zh: '这条路线属于状态为“{status}”的方案；请交接当前方案的路线。',
    en: 'This route belongs to a {status} plan; hand over a route of the current plan.',
  },
  notActiveDriver: { zh: '不是本机构在用的送餐员。', en: 'Not an active driver of this tenant.' },
  newDriverInvalid: { zh: '新的送餐员必须是在用的、具有送餐员角色的用户。', en: 'The new driver must be an active user with the driver role.' },
  driverBusy: {
    zh: '{name} 已负责这一餐的 {routeNo} 号路线；请先把那条路线交接出去。',
    en: '{name} already drives route {routeNo} of this meal; hand that one over first.',
  },
  drivesRoute: { zh: '正在负责 {routeNo} 号路线。', en: 'Drives route {routeNo}.' },
  proofNeedsDelivered: { zh: '送达凭证只能添加到已送达的站点。', en: 'Proof of delivery belongs to a delivered stop.' },
  imageTooLarge: { zh: '最大 {kb} kB。', en: 'At most {kb} kB.' },
  notImageType: { zh: '不是 {type} 图片。', en: 'Not a {type} image.' },
  proofFileMissing: { zh: '存储中找不到这份凭证文件。', en: 'The proof file is missing from storage.' },
  // welfare
  alertResolved: { zh: '这条关怀提醒已经解决。', en: 'The alert is already resolved.' },
  // imports (row reasons, stored in the tenant's language)
  sameIdAsRow: { zh: '身份证号与第 {row} 行相同。', en: 'Same ID number as row {row}.' },
  noKitchenNamed: { zh: '没有名为“{name}”的厨房。', en: "No kitchen named '{name}'." },
  nameKitchenRow: { zh: '请填写厨房（本机构没有或有多个厨房）。', en: 'Name the kitchen (the tenant has none or several).' },
  noResident: { zh: '没有这个身份证号的居民：请先导入居民。', en: 'No resident with this ID number: import residents first.' },
});

/** Nouns of delivery that "No such {what}." names. */
export const DN = defineMessages('delivery.noun', {
  kitchen: { zh: '厨房', en: 'kitchen' },
  routePlan: { zh: '排线方案', en: 'route plan' },
  route: { zh: '路线', en: 'route' },
  mealSlot: { zh: '餐次', en: 'meal slot' },
  order: { zh: '订单', en: 'order' },
  mealPlan: { zh: '订餐计划', en: 'meal plan' },
  hold: { zh: '暂停送餐记录', en: 'hold' },
  alert: { zh: '关怀提醒', en: 'alert' },
  stop: { zh: '站点', en: 'stop' },
  proof: { zh: '送达凭证', en: 'proof' },
  vehicle: { zh: '车辆', en: 'vehicle' },
  recipient: { zh: '送餐对象', en: 'recipient' },
});

/** Messages of delivery's zod schemas (a schema carries the key; the router renders it). */
export const DS = defineMessages('delivery.schema', {
  slotCode: { zh: '只能用小写字母、数字和 _（例如 lunch）。', en: 'Lower-case letters, digits and _ (e.g. lunch).' },
  windowOrder: { zh: 'windowStart 必须早于 windowEnd。', en: 'windowStart must be before windowEnd.' },
  readyBeforeWindow: { zh: '餐食须在送达时段开始前做好。', en: 'The meals must be ready before the window opens.' },
  shiftOrder: { zh: 'shiftStart 必须早于 shiftEnd。', en: 'shiftStart must be before shiftEnd.' },
  weekdaysRepeat: { zh: '星期不能重复。', en: 'Weekdays must not repeat.' },
  slotsRepeat: { zh: '餐次不能重复。', en: 'Slots must not repeat.' },
  endBeforeStart: { zh: 'endDate 不能早于 startDate。', en: 'endDate must not be before startDate.' },
  toBeforeFrom: { zh: 'toDate 不能早于 fromDate。', en: 'toDate must not be before fromDate.' },
  stepsLater: { zh: '各步骤的时间必须依次推后。', en: 'Steps must come later and later.' },
});

/** The welfare ladder's notes as the timeline shows them (stored as English phrases, worded at read). */
export const WM = defineMessages('delivery.welfare', {
  outcomeChanged: { zh: '送餐结果已改为“{outcome}”：{reason}', en: 'Outcome changed to {outcome}: {reason}' },
  noPhone: { zh: '没有电话号码', en: 'no phone number' },
  optedOut: { zh: '已退订', en: 'opted out' },
  noChannel: { zh: '未配置通知渠道', en: 'no channel configured' },
  stopIs: { zh: '该站已是“{outcome}”', en: 'stop is {outcome}' },
  newerNotHome: { zh: '之后又一次“不在家”，另有一套提醒', en: 'a newer not-home has its own ladder' },
  alertResolved: { zh: '提醒已解决', en: 'alert resolved' },
  gridWorker: { zh: '网格员', en: 'grid worker' },
});
