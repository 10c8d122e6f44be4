import { defineMessages } from '../../i18n/index.js';

/** Sentences of route planning that reach a manager through the API (pins refused, re-plan notices). */
export const PM = defineMessages('delivery.plan', {
  pinVanFull: {
    zh: '无法固定：{vehicle} 装不下——固定在这辆车上的共 {meals} 份餐，超过了它的容量 {capacity} 份。请改固定到其他车辆，或取消部分固定。',
    en: 'Cannot pin: {vehicle} is full — {meals} meals would be pinned to it, over its capacity of {capacity}. Pin to another vehicle, or unpin some.',
  },
  pinWindow: {
    zh: '无法固定：{vehicle} 无法在送达时段 {start}–{end} 内把固定在它上面的 {count} 户都送到（{name} 送不到）。请改固定到其他车辆，或取消部分固定。',
    en: 'Cannot pin: {vehicle} cannot reach all {count} doors pinned to it within the delivery window {start}–{end} ({name} is out of reach). Pin to another vehicle, or unpin some.',
  },
  pinShift: {
    zh: '无法固定：{vehicle} 的班次 {shiftStart}–{shiftEnd} 不够把固定在它上面的 {count} 户送完再回到厨房（{name}）。请延长班次或改固定到其他车辆。',
    en: 'Cannot pin: the shift of {vehicle} ({shiftStart}–{shiftEnd}) is too short to serve the {count} doors pinned to it and return ({name}). Extend the shift or pin to another vehicle.',
  },
  pinRide: {
    zh: '无法固定：在 {vehicle} 上，{name} 的热食在路上会超过 {minutes} 分钟。请改固定到其他车辆，或取消部分固定。',
    en: 'Cannot pin: on {vehicle}, {name}’s hot meal would be on the road longer than {minutes} min. Pin to another vehicle, or unpin some.',
  },
  pinNoLocation: {
    zh: '无法固定：{name} 没有地图坐标，无法排线。请先在老人资料中补上坐标。',
    en: 'Cannot pin: {name} has no map coordinates and cannot be routed. Add them to the recipient first.',
  },
  pinInactive: {
    zh: '无法固定：{vehicle} 已停用。请改固定到在用车辆。',
    en: 'Cannot pin: {vehicle} is inactive. Pin to a vehicle in service.',
  },
  servedFewer: {
    zh: '这次重排比原方案少送了 {count} 位（原 {before} 位，现 {after} 位）：为保留 {pins} 位固定老人的车辆安排，车辆的时间或容量不够再送他们。',
    en: 'This re-plan serves {count} fewer people than the plan it started from ({before} → {after}): keeping the {pins} pinned people on their vehicles left no time or room for them.',
  },
});

/** The unassigned tray: why each door is not on a route and what to do about it (src/delivery/plans/unassigned-advice.ts). */
export const AM = defineMessages('delivery.advice', {
  fleetTimeWhy: {
    zh: '有 {doors} 户（{meals} 份）没排上：这些人家单独送都能按时送到，不是路太远，而是现有 {vans} 辆车在送达时段 {start}–{end} 内跑不完。',
    en: '{doors} doors ({meals} meals) are not on a route: each could be reached in time on its own — they are not too far; the {vans} vehicles cannot do them all within {start}–{end}.',
  },
  fleetTimeTodo: {
    zh: '需要大约再增加 {extra} 辆车，或把送达时段延长约 {minutes} 分钟。',
    en: 'Needs about {extra} more vehicle(s), or a delivery window about {minutes} min longer.',
  },
  fleetFullWhy: {
    zh: '有 {doors} 户（{meals} 份）没排上：现有 {vans} 辆车都已装满（共可装 {capacity} 份）。',
    en: '{doors} doors ({meals} meals) are not on a route: the {vans} vehicles are full ({capacity} meals in all).',
  },
  fleetFullTodo: {
    zh: '需要大约再增加 {extra} 辆车（每辆约 {vanCapacity} 份），或提高车辆容量。',
    en: 'Needs about {extra} more vehicle(s) (about {vanCapacity} meals each), or more room in the vehicles.',
  },
  fleetWhy: { zh: '车辆不够：单独送能按时送到，但现有车辆排不下。', en: 'Not enough vehicles: reachable on its own, but the fleet has no time or room left.' },
  fleetTodo: { zh: '见上方：加车或延长送达时段；也可以把这户拖到某辆车上（页面会显示会迟到多少）。', en: 'See above: add a vehicle or lengthen the window; or drag this door onto a route (the desk shows how late it makes it).' },
  fleetFullOneWhy: { zh: '车辆都已装满：单独送可以按时送到，但车上没有位置了。', en: 'The vehicles are full: reachable on its own, but there is no room left.' },
  fleetFullOneTodo: { zh: '见上方：加车或提高车辆容量；也可以把这户拖到某辆车上（页面会显示超载多少）。', en: 'See above: add a vehicle or more room; or drag this door onto a route (the desk shows the overload).' },
  capacityWhy: { zh: '份数 {quantity} 超过了任何一辆车的容量。', en: '{quantity} meals is more than any vehicle carries.' },
  capacityTodo: { zh: '把订单拆成几份，或换一辆更大的车。', en: 'Split the order, or use a bigger vehicle.' },
  windowWhy: { zh: '单独送也赶不上送达时段。', en: 'Cannot be reached within its delivery window even on its own.' },
  windowTodo: { zh: '核对地址坐标是否正确；或给这户设更晚的送达时段。', en: 'Check the map coordinates; or give this door a later window.' },
  rideWhy: { zh: '路太远：即使直达，热食在路上也会超过 {minutes} 分钟。', en: 'Too far: even driving straight there, the hot meal would ride longer than {minutes} min.' },
  rideTodo: { zh: '核对地址坐标是否正确；或改由更近的厨房供餐。', en: 'Check the map coordinates; or serve it from a nearer kitchen.' },
  shiftWhy: { zh: '司机班次不够往返这一户。', en: 'No driver shift covers the trip there and back.' },
  shiftTodo: { zh: '延长司机班次，或安排班次更长的车辆。', en: 'Extend a driver’s shift, or use a vehicle with a longer one.' },
  noLocationWhy: { zh: '这位老人没有地图坐标。', en: 'The recipient has no map coordinates.' },
  noLocationTodo: { zh: '在老人资料里补上地址坐标（或等地址解析完成），再重新排线。', en: 'Add the coordinates to the recipient (or wait for geocoding), then re-plan.' },
  pinnedGoneWhy: { zh: '固定的车辆已停用或不属于这个厨房。', en: 'Pinned to a vehicle that is inactive or belongs to another kitchen.' },
  pinnedGoneTodo: { zh: '取消固定，或固定到一辆在用的车。', en: 'Unpin it, or pin it to a vehicle in service.' },
  noVehicleWhy: { zh: '厨房没有在用的车辆。', en: 'The kitchen has no vehicle in service.' },
  noVehicleTodo: { zh: '添加车辆并指定司机，再排线。', en: 'Add a vehicle with its driver, then plan.' },
});

/** A route's words built from the solver's codes and numbers: warnings, unassigned reasons, the map. */
export const RT = defineMessages('delivery.route', {
  warnCapacity: { zh: '车上 {meals} 份，容量 {capacity} 份。', en: '{meals} meals on board, capacity {capacity}.' },
  warnLate: { zh: '比送达时段结束晚到 {minutes} 分钟。', en: 'Arrives {minutes} min after the window closes.' },
  warnRide: { zh: '热食在路上 {minutes} 分钟（限 {limit} 分钟）。', en: 'Food {minutes} min on the road (limit {limit}).' },
  warnShift: { zh: '比司机班次结束晚 {minutes} 分钟返回。', en: 'Back {minutes} min after the shift ends.' },
  capacity: { zh: '车辆剩余空间（餐箱）不够。', en: 'Not enough room left in the vehicles (meal boxes).' },
  time_window: { zh: '没有车辆能在送达时段内到达这户。', en: 'No vehicle can reach the door within the delivery window.' },
  ride_time: { zh: '路太远，热食无法在限定的路上时间内送到。', en: 'Too far to arrive within the hot-food ride time.' },
  shift: { zh: '司机班次不够往返这一户。', en: 'No driver shift covers the trip there and back.' },
  pinned_vehicle_unavailable: { zh: '固定的车辆已停用或不属于这个厨房。', en: 'Pinned to a vehicle that is inactive or belongs to another kitchen.' },
  no_vehicle: { zh: '厨房没有在用的车辆。', en: 'The kitchen has no active vehicle.' },
  no_location: { zh: '这位老人没有地图坐标（经纬度）。', en: 'The recipient has no map coordinates (lat/lng).' },
  solveFailed: { zh: '计算出错（{why}），请重新排线', en: '{why}' },
  osrmFailed: { zh: '道路路网服务（OSRM）出错（{why}）；已改用直线距离 × {factor} 估算。', en: 'OSRM failed ({why}); used crow-flies × {factor}.' },
  mapTitle: { zh: '{kitchen} · {date} · {slot}（{status}）', en: '{kitchen} · {date} · {slot} ({status})' },
  mapRoute: { zh: '{no}. {driver} · {vehicle} · {stops} 站 · {km} 公里', en: '{no}. {driver} · {vehicle} · {stops} stops · {km} km' },
  mapUnassigned: { zh: '未排上 {count} 户', en: '{count} unassigned' },
  mapDriverTitle: { zh: '{kitchen} · {date} · {slot} · {no} 号路线 {driver}', en: '{kitchen} · {date} · {slot} · #{no} {driver}' },
  mapDriverRoute: { zh: '{no}. {vehicle} · {stops} 站 · {time} 出发', en: '{no}. {vehicle} · {stops} stops · leaves {time}' },
});
