import { defineMessages } from '../i18n/index.js';

/** Sentences of the HTTP layer itself: validation, sign-in, uploads, limits, outages. */
export const httpMessages = defineMessages('http', {
  required: { zh: '必填。', en: 'Required.' },
  unknownField: { zh: '不认识的字段“{key}”。', en: "Unknown field '{key}'." },
  bodyNotJson: { zh: '请求体不是有效的 JSON。', en: 'Body is not valid JSON.' },
  bodyNotUtf8: { zh: '请求体不是有效的 UTF-8 文本。', en: 'Body is not valid UTF-8.' },
  pathNotUtf8: { zh: '路径中有一段不是有效的百分号编码 UTF-8。', en: 'A path segment is not valid percent-encoded UTF-8.' },
  textNul: { zh: '不能包含 NUL 字符（U+0000）。', en: 'Must not contain NUL characters (U+0000).' },
  textSurrogate: { zh: '不能包含不成对的 UTF-16 代理字符（不是有效的 Unicode 文本）。', en: 'Must not contain unpaired UTF-16 surrogates (not valid Unicode text).' },
  jsonOnly: { zh: '此接口只接受 application/json 请求体（收到的是 {type}）。', en: 'This route takes an application/json body, not {type}.' },
  jsonOnlyNoType: { zh: '此接口只接受 application/json 请求体（缺少 Content-Type）。', en: 'This route takes an application/json body (Content-Type is missing).' },
  unsupportedCharset: { zh: '不支持该字符编码，请使用 UTF-8。', en: 'This character encoding is not supported; send UTF-8.' },
  uniqueTaken: { zh: '已有一条相同的记录（唯一值重复）。', en: 'A record with the same unique value already exists.' },
  databaseLost: {
    zh: '与数据库的连接中断；除非已收到答复，否则什么都没有保存。请用同一个 Idempotency-Key 重试。',
    en: 'The database connection was lost; nothing was saved unless the answer was. Retry with the same Idempotency-Key.',
  },
  queueDown: { zh: '任务队列（Redis）暂时无法连接，请稍后再试。', en: 'The job queue (Redis) is not reachable; try again shortly.' },
  noRoute: { zh: '没有这个接口：{method} {path}。', en: 'No route for {method} {path}.' },
  needsRoles: { zh: '此操作需要以下角色之一：{roles}。', en: 'This action needs one of the roles: {roles}.' },
  tokenDead: { zh: '令牌不存在、已过期或已被撤销。', en: 'The token is unknown, expired or revoked.' },
  formExpired: {
    zh: '此表单已过期或并非来自本站，请刷新页面后重试。',
    en: 'This form has expired or did not come from this site; reload the page and try again.',
  },
  idempotencyKeyRequired: {
    zh: '必填：请发送 Idempotency-Key，这样重试会得到第一次的答复，而不会重复写入。',
    en: 'Required: send an Idempotency-Key so that a retry gets the first answer instead of writing twice.',
  },
  idempotencyKeyShape: { zh: '须为 1–200 个可见 ASCII 字符。', en: 'Must be 1–200 visible ASCII characters.' },
  idempotencyKeyReused: {
    zh: '这个 Idempotency-Key 已用于另一个不同的请求。',
    en: 'This Idempotency-Key was already used for a different request.',
  },
  uploadType: {
    zh: '请以 multipart/form-data（字段名 file）或原始 {types} 请求体上传文件。',
    en: "Send the file as multipart/form-data (field 'file') or as a raw {types} body.",
  },
  uploadOneFile: { zh: '只能上传一个文件。', en: 'Send exactly one file.' },
  uploadField: { zh: '文件须放在 multipart 字段 file 中。', en: "The file must be sent in the multipart field 'file'." },
  uploadParts: { zh: 'multipart 分段过多。', en: 'Too many multipart parts.' },
  uploadFields: { zh: 'multipart 字段过多。', en: 'Too many multipart fields.' },
  uploadFieldName: { zh: 'multipart 字段名过长。', en: 'A multipart field name is too long.' },
  uploadFieldValue: { zh: 'multipart 字段值过长。', en: 'A multipart field value is too long.' },
  uploadMalformed: { zh: '无法读取 multipart 请求体（{why}）。', en: 'The multipart body could not be read ({why}).' },
  tooMany: { zh: '请求过于频繁，请 {seconds} 秒后再试。', en: 'Too many requests; try again in {seconds} s.' },
  operatorOnly: { zh: '队列面板需要平台运维人员的凭据。', en: 'The queue dashboard needs the platform operator’s credential.' },
  dashboardDisabledTitle: { zh: '队列面板未启用', en: 'Queue dashboard disabled' },
  dashboardDisabled: {
    zh: '队列面板未启用：为平台运维人员设置 OPERATOR_USER + OPERATOR_PASSWORD_HASH 或 OPERATOR_TOKEN_SHA256 后即可使用。',
    en: 'The queue dashboard is disabled: set OPERATOR_USER + OPERATOR_PASSWORD_HASH or OPERATOR_TOKEN_SHA256 to enable it for the platform operator.',
  },
  headersTooLarge: { zh: '请求头过大。', en: 'The request headers are too large.' },
  requestTimeout: { zh: '请求传输时间过长。', en: 'The request took too long to arrive.' },
  headersTimeout: { zh: '请求头传输时间过长。', en: 'The request headers took too long to arrive.' },
  notHttp: { zh: '这不是有效的 HTTP 请求。', en: 'The request is not valid HTTP.' },
});

/** Messages of the shared zod pieces (src/http/common-schemas.ts): dates, times, zones, cursors. */
export const schemaMessages = defineMessages('schema', {
  calendarDate: { zh: '日期格式应为 YYYY-MM-DD（有效的公历日期）。', en: 'Expected a calendar date YYYY-MM-DD.' },
  dateBetween: { zh: '日期须在 {min} 至 {max} 之间。', en: 'Expected a date between {min} and {max}.' },
  notFuture: { zh: '不能是将来的日期。', en: 'Must not be in the future.' },
  instantNotFuture: {
    zh: '不能是将来的时间（比服务器时钟快 {minutes} 分钟以上）。',
    en: 'Must not be in the future (more than {minutes} min ahead of the server clock).',
  },
  withinDays: { zh: '不能晚于今后 {days} 天。', en: 'Must not be more than {days} days in the future.' },
  rangeOrder: { zh: '{to} 不能早于 {from}。', en: '{to} must not be before {from}.' },
  rangeLength: { zh: '日期范围最多 {maxDays} 天。', en: 'Give a range of at most {maxDays} days.' },
  localTime: { zh: '时间格式应为 HH:mm。', en: 'Expected a local time HH:mm.' },
  timeZone: { zh: '不认识的 IANA 时区。', en: 'Unknown IANA time zone.' },
  cursor: { zh: '无效的翻页游标：请原样传回上一页的 nextCursor。', en: 'Unknown cursor: pass back a nextCursor exactly as received.' },
});
