import { z } from 'zod';
import { localTime, pageQuery } from '../http/common-schemas.js';
import { isIpOrCidr } from './receipt-sources.js';
import { NA } from './messages.js';

/** A secret by reference, resolved from the environment at send time (config.ts secretFromRef). */
const secretRef = z.string().regex(/^env:[A-Z][A-Z0-9_]*$/, NA.secretRef.key);
const endpoint = z.url({ protocol: /^https?$/ });
/** An IPv4/IPv6 address or CIDR range that SMS delivery reports may come from (no /0: that would trust everyone). */
const ipOrCidr = z.string().trim().refine((v) => isIpOrCidr(v), NA.ipOrCidr.key);
const receiptAllowFrom = z.array(ipOrCidr).min(1).max(50).optional()
  .describe('Source addresses of the provider\'s delivery-report pushes; receipts from anywhere else are refused. Unset: receipts are refused.');
const templates = z.record(z.string().min(1).max(80), z.strictObject({ id: z.string().min(1).max(60), params: z.array(z.string().min(1).max(40)).max(10) }));

export const smsSettingsSchema = z.discriminatedUnion('provider', [
  z.strictObject({
    provider: z.literal('aliyun'), endpoint: endpoint.default('https://dysmsapi.aliyuncs.com/'),
    accessKeyIdRef: secretRef, accessKeySecretRef: secretRef, signName: z.string().min(1).max(30), regionId: z.string().max(30).default('cn-hangzhou'), templates, receiptAllowFrom,
  }),
  z.strictObject({
    provider: z.literal('tencent'), endpoint: endpoint.default('https://sms.tencentcloudapi.com/'),
    secretIdRef: secretRef, secretKeyRef: secretRef, sdkAppId: z.string().min(1).max(30), signName: z.string().min(1).max(30), region: z.string().max(30).default('ap-guangzhou'), templates, receiptAllowFrom,
  }),
]);

/** Named groups (the kitchen office, the community office) and the channel that reaches each. */
export const GROUPS = ['office', 'community_office'] as const;
export type GroupName = (typeof GROUPS)[number];
export const groupChannel = z.enum(['in_app', 'wecom', 'dingtalk', 'webhook']);

export const channelSettingsSchema = z.strictObject({
  sms: smsSettingsSchema.optional(),
  wecom: z.strictObject({ endpoint: endpoint.default('https://qyapi.weixin.qq.com/cgi-bin/webhook/send'), keyRef: secretRef }).optional(),
  dingtalk: z.strictObject({ endpoint: endpoint.default('https://oapi.dingtalk.com/robot/send'), accessTokenRef: secretRef, secretRef: secretRef.optional() }).optional(),
  webhook: z.strictObject({ url: endpoint, secretRef }).optional(),
  groups: z.strictObject({ office: groupChannel.optional(), community_office: groupChannel.optional() }).default({}),
});
export type ChannelSettings = z.infer<typeof channelSettingsSchema>;

export const settingsBody = z.strictObject({
  quietStart: localTime.nullable().optional(),
  quietEnd: localTime.nullable().optional(),
  channels: channelSettingsSchema.optional(),
}).refine((b) => (b.quietStart === undefined) === (b.quietEnd === undefined), { path: ['quietEnd'], message: NA.quietTogether.key });

export const settingsSchema = z.object({
  quietStart: z.string().nullable(), quietEnd: z.string().nullable(), channels: z.record(z.string(), z.unknown()),
  receiptCallbackPath: z.string().nullable().describe('Where the SMS provider pushes delivery reports (set it in the provider console); null until created'),
}).meta({ id: 'NotifySettings' });

export const STATUSES = ['queued', 'sending', 'sent', 'delivered', 'failed', 'given_up', 'suppressed'] as const;

export const messageSchema = z.object({
  id: z.uuid(), channel: z.string(), recipient: z.string().describe('Masked'), recipientLabel: z.string().nullable(),
  template: z.string(), locale: z.string(), urgent: z.boolean(), status: z.enum(STATUSES), attempts: z.number().int(),
  providerMessageId: z.string().nullable(), lastError: z.string().nullable(), refType: z.string().nullable(), refId: z.string().nullable(),
  notBefore: z.date().nullable(), sentAt: z.date().nullable(), reportedAt: z.date().nullable().describe('When the SMS provider\'s delivery report arrived'), createdAt: z.date(), updatedAt: z.date(),
}).meta({ id: 'NotifyMessage' });

export const messageListQuery = z.strictObject({
  status: z.enum(STATUSES).optional(),
  ...pageQuery,
});

const phone = z.string().trim().regex(/^\+?\d{6,15}$/, 'A phone number (digits, optional +).').meta({ example: '13800138000' });
export const optOutBody = z.strictObject({ recipient: phone });
export const TOPICS = ['meal_on_way', 'not_reached'] as const;
export const subscriptionBody = z.strictObject({
  subjectId: z.uuid().describe('The person the notices are about'), phone, name: z.string().trim().min(1).max(50),
  topics: z.array(z.enum(TOPICS)).min(1).max(TOPICS.length), locale: z.enum(['zh-CN', 'en']).optional(),
});
export const subscriptionSchema = z.object({ id: z.uuid(), subjectId: z.uuid(), phone: z.string().describe('Masked'), name: z.string(), topics: z.array(z.string()), locale: z.string().nullable() }).meta({ id: 'FamilySubscription' });
