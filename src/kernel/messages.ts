import { defineMessages } from '../i18n/index.js';

/** Titles and default details of the error kinds (RFC 9457 `title`, `detail`). */
export const errorMessages = defineMessages('error', {
  badRequestTitle: { zh: '请求有误', en: 'Bad request' },
  invalidTitle: { zh: '请求字段有误', en: 'Invalid request' },
  invalidDetail: { zh: '请求中有字段不正确。', en: 'The request has invalid fields.' },
  unauthorizedTitle: { zh: '未登录', en: 'Unauthorized' },
  unauthorizedDetail: { zh: '请先登录（或携带有效的访问令牌）。', en: 'Sign in first (or send a valid bearer token).' },
  forbiddenTitle: { zh: '无权操作', en: 'Forbidden' },
  forbiddenDetail: { zh: '您的角色不能执行此操作。', en: 'Your role does not allow this action.' },
  notFoundTitle: { zh: '未找到', en: 'Not found' },
  notFoundDetail: { zh: '未找到该{what}。', en: 'No such {what}.' },
  conflictTitle: { zh: '与现有数据冲突', en: 'Conflict' },
  tooLargeTitle: { zh: '请求内容过大', en: 'Payload too large' },
  tooLargeDetail: { zh: '请求内容过大。', en: 'The request body is too large.' },
  unprocessableTitle: { zh: '无法处理该请求', en: 'Unprocessable request' },
  unavailableTitle: { zh: '服务暂时不可用', en: 'Service unavailable' },
  unsupportedTitle: { zh: '不支持的内容类型', en: 'Unsupported media type' },
  tooManyTitle: { zh: '请求过于频繁', en: 'Too many requests' },
  internalTitle: { zh: '服务器内部错误', en: 'Internal server error' },
  internalDetail: { zh: '出现了意外错误，已记录在日志中。', en: 'Something went wrong; the error was logged.' },
});

/** Nouns that kernel errors name ("No such {what}."); domains pass their own Message nouns. */
export const nounMessages = defineMessages('noun', {
  resource: { zh: '记录', en: 'resource' },
  route: { zh: '接口', en: 'route' },
  import: { zh: '导入记录', en: 'import' },
  importKind: { zh: '导入类型', en: 'import kind' },
  user: { zh: '用户', en: 'user' },
  token: { zh: '令牌', en: 'token' },
});

/** What a person calls each role (a role is the kernel's: the API router checks it). */
export const roleMessages = defineMessages('role', {
  admin: { zh: '管理员', en: 'Administrator' },
  kitchen_manager: { zh: '厨房管理员', en: 'Kitchen manager' },
  driver: { zh: '送餐员', en: 'Driver' },
  canteen_operator: { zh: '食堂收银员', en: 'Canteen cashier' },
  hospital_coordinator: { zh: '医院协调员', en: 'Hospital coordinator' },
  care_aide: { zh: '护理员', en: 'Care aide' },
  auditor: { zh: '审计员', en: 'Auditor' },
});
export const ROLES = ['admin', 'kitchen_manager', 'driver', 'canteen_operator', 'hospital_coordinator', 'care_aide', 'auditor'] as const;
export const roleLabel = (role: (typeof ROLES)[number]) => roleMessages[role];
