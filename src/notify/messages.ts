import { defineMessages } from '../i18n/index.js';
import type { Message } from '../i18n/index.js';

/**
 * The sentences of outbound messages. An SMS provider sends its own pre-approved template with
 * these parameters; robots, webhooks and the in-app inbox get these texts in the reader's language.
 */
export const TEMPLATES = defineMessages('notify.template', {
  welfareOffice: {
    zh: '送餐无人应门：{name}（{address}），{time} 司机敲门无人回应。请尽快联系。',
    en: 'Nobody answered: {name} ({address}) did not open the door to the driver at {time}. Please follow up.',
  },
  welfareContact: {
    zh: '【助餐服务】您的家人{name}今天{time}送餐时无人应门，我们暂未联系上。请尽快与其联系或上门查看。',
    en: '[Meal service] Your relative {name} did not answer the door for the meal delivery at {time} today and we have not reached them. Please call or visit soon.',
  },
  welfareGrid: {
    zh: '【助餐服务】{name}（{address}）今天{time}送餐无人应门，请网格员上门查看。',
    en: '[Meal service] {name} ({address}) did not answer the door at {time} today. Grid worker: please visit.',
  },
  welfareCommunity: {
    zh: '【助餐服务】{name}（{address}）自{time}起仍联系不上，请社区办公室跟进。',
    en: '[Meal service] {name} ({address}) still cannot be reached since {time}. Community office: please follow up.',
  },
  welfareUrgent: {
    zh: '【紧急】{name}（{address}）自{time}起一小时仍无法联系。如不能确认其平安，请立即拨打110或120。',
    en: '[URGENT] {name} ({address}) has not been reached for an hour since {time}. If you cannot confirm they are safe, call 110 or 120 now.',
  },
  familyMealOnWay: {
    zh: '【助餐服务】{name}的{slot}已出发，预计{eta}前送到。',
    en: '[Meal service] {name}’s {slot} is on its way, expected by {eta}.',
  },
  familyNotReached: {
    zh: '【助餐服务】我们今天{time}没能联系上{name}，已通知网格员上门查看。',
    en: '[Meal service] We could not reach {name} at {time} today; the grid worker has been asked to visit.',
  },
  ticketNotAccepted: {
    zh: '【群众评单】{unit}的一件群众反映（{category}）超过受理期限（{due}）仍未受理，请督办。',
    en: '[Residents’ voice] A report to {unit} ({category}) was not accepted by its deadline ({due}). Please follow it up.',
  },
  ticketNotResolved: {
    zh: '【群众评单】{unit}的一件群众反映（{category}）超过办结期限（{due}）仍未办结，请督办。',
    en: '[Residents’ voice] A report to {unit} ({category}) was not resolved by its deadline ({due}). Please follow it up.',
  },
  routePublished: {
    zh: '您{date}的送餐路线{routeNo}号已发布，共{stops}站，请打开司机页面查看。',
    en: 'Your delivery route {routeNo} for {date} is published: {stops} stops. Open the driver page to see it.',
  },
  rosterChanged: {
    zh: '【护理排班】{name}，您的班次有调整。新增：{gained}。取消：{lost}。详情请打开“我的班次”页面。',
    en: '[Aide roster] {name}, your shifts have changed. Added: {gained}. Taken off: {lost}. Open “My shifts” for details.',
  },
});

export type TemplateKey = keyof typeof TEMPLATES;
export const TEMPLATE_KEYS = Object.keys(TEMPLATES) as TemplateKey[];
export const templateOf = (key: string): Message | undefined => (TEMPLATES as Record<string, Message>)[key];

/** The admin page (/app/admin/notifications). */
export const M = defineMessages('notify.web', {
  title: { zh: '消息通知', en: 'Notifications' },
  intro: { zh: '所有发出的短信、群机器人、回调和站内消息。号码已打码。', en: 'Every SMS, group robot, webhook and in-app message sent. Numbers are masked.' },
  filterAll: { zh: '全部', en: 'All' },
  when: { zh: '时间', en: 'When' },
  channel: { zh: '渠道', en: 'Channel' },
  recipient: { zh: '接收人', en: 'Recipient' },
  template: { zh: '内容', en: 'Message' },
  status: { zh: '状态', en: 'Status' },
  attempts: { zh: '尝试次数', en: 'Attempts' },
  error: { zh: '失败原因', en: 'Failure' },
  retry: { zh: '重新发送', en: 'Send again' },
  retried: { zh: '已重新排队发送。', en: 'Queued to send again.' },
  empty: { zh: '还没有消息。', en: 'No messages yet.' },
  more: { zh: '更多', en: 'More' },
  urgent: { zh: '紧急', en: 'Urgent' },
  queued: { zh: '排队中', en: 'Queued' },
  sending: { zh: '发送中', en: 'Sending' },
  sent: { zh: '已发送', en: 'Sent' },
  delivered: { zh: '已送达', en: 'Delivered' },
  failed: { zh: '失败，将重试', en: 'Failed, will retry' },
  given_up: { zh: '已放弃', en: 'Given up' },
  suppressed: { zh: '对方已退订', en: 'Opted out' },
  sms: { zh: '短信', en: 'SMS' },
  wecom: { zh: '企业微信群', en: 'WeChat Work group' },
  dingtalk: { zh: '钉钉群', en: 'DingTalk group' },
  webhook: { zh: '平台回调', en: 'Webhook' },
  in_app: { zh: '站内消息', en: 'In-app' },
  notDelivered: { zh: '未送达（运营商回执）', en: 'Not delivered (provider report)' },
});

/** The in-app inbox (/app/inbox) of every signed-in person. */
export const IM = defineMessages('notify.inbox', {
  title: { zh: '消息', en: 'Messages' },
  intro: { zh: '发给您或您所在岗位的站内消息，最新的在前。', en: 'In-app messages to you or your role, newest first.' },
  unreadCount: { zh: '{count} 条未读', en: '{count} unread' },
  allRead: { zh: '没有未读消息。', en: 'Nothing unread.' },
  unread: { zh: '未读', en: 'Unread' },
  read: { zh: '已读', en: 'Read' },
  markRead: { zh: '标为已读', en: 'Mark read' },
  markAllRead: { zh: '全部标为已读', en: 'Mark all read' },
  empty: { zh: '还没有消息。', en: 'No messages yet.' },
  more: { zh: '更早的消息', en: 'Older messages' },
});

/** Labels of a template on the admin page (the first words of its zh/en text are the label). */
export const TEMPLATE_LABELS = defineMessages('notify.templateLabel', {
  welfareOffice: { zh: '无人应门（厨房办公室）', en: 'Not home (kitchen office)' },
  welfareContact: { zh: '无人应门（紧急联系人）', en: 'Not home (emergency contact)' },
  welfareGrid: { zh: '无人应门（网格员）', en: 'Not home (grid worker)' },
  welfareCommunity: { zh: '无人应门（社区办公室）', en: 'Not home (community office)' },
  welfareUrgent: { zh: '紧急：请拨打110/120', en: 'Urgent: call 110/120' },
  familyMealOnWay: { zh: '餐食已出发（家属）', en: 'Meal on its way (family)' },
  familyNotReached: { zh: '未能联系上（家属）', en: 'Could not reach (family)' },
  ticketNotAccepted: { zh: '群众反映超时未受理（管理员）', en: 'Report not accepted in time (admin)' },
  ticketNotResolved: { zh: '群众反映超时未办结（管理员）', en: 'Report not resolved in time (admin)' },
  routePublished: { zh: '路线已发布（司机）', en: 'Route published (driver)' },
  rosterChanged: { zh: '班次调整（护理员）', en: 'Shifts changed (care aide)' },
});

/** Refusals and field messages of the notification API. */
export const NA = defineMessages('notify.api', {
  nounPerson: { zh: '人员', en: 'person' },
  nounSubscription: { zh: '订阅', en: 'subscription' },
  nounMessage: { zh: '消息', en: 'message' },
  nounReceiptCallback: { zh: '回执地址', en: 'receipt callback' },
  retryOnlyFailed: {
    zh: '只有发送失败或已放弃的消息才能重新发送；这条消息的状态是“{statusLabel}”。',
    en: 'Only a failed or given-up message can be sent again; this one is {status}.',
  },
  secretRef: { zh: '须为密钥引用 env:NAME（密钥本身不写入设置）。', en: 'A secret reference env:NAME (the key itself never goes into settings).' },
  ipOrCidr: {
    zh: '须为 IP 地址或 CIDR 网段，例如 203.0.113.0/24（前缀至少 /8，IPv6 至少 /16）。',
    en: 'An IP address or CIDR range such as 203.0.113.0/24 (prefix at least /8, or /16 for IPv6).',
  },
  quietTogether: { zh: 'quietStart 与 quietEnd 须同时填写。', en: 'quietStart and quietEnd go together.' },
});

/** What a failure's kind means to an admin (the stored reason after it is the provider's own words). */
export const FAILURES = defineMessages('notify.failure', {
  rate_limited: { zh: '服务商限流', en: 'Rate-limited by the provider' },
  rejected: { zh: '服务商拒收', en: 'Refused by the provider' },
  timeout: { zh: '服务商未及时应答', en: 'The provider did not answer in time' },
  unavailable: { zh: '服务商暂时不可用', en: 'The provider is unavailable' },
  misconfigured: { zh: '渠道配置有误', en: 'The channel is not set up right' },
  receipt: { zh: '运营商回执：未送达', en: 'Provider report: not delivered' },
  outcomeUnknown: { zh: '结果不明：发送时工作进程中止，未自动重发（可能已送达）', en: 'Outcome unknown: the worker stopped while sending (it may have arrived)' },
});
