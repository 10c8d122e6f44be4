import { secretFromRef } from '../../config.js';
import type { ChannelSettings } from '../schemas.js';
import { aliyunSms } from './aliyun-sms.js';
import { dingtalkRobot, wecomRobot } from './robots.js';
import { signedWebhook } from './signed-webhook.js';
import { tencentSms } from './tencent-sms.js';
import { ChannelError } from './types.js';
import type { Channel } from './types.js';

export type ChannelKind = 'sms' | 'wecom' | 'dingtalk' | 'webhook' | 'in_app';

/** The in-app inbox is the outbox row itself: kitchen managers read it; "sending" it is storing it. */
const inApp: Channel = { kind: 'in_app', send: async () => ({ providerMessageId: null, delivered: true }) };

function secret(ref: string | undefined, what: string): string {
  const value = secretFromRef(ref);
  if (!value) throw new ChannelError('misconfigured', `${what} is not set in the environment (${ref ?? 'no reference'})`);
  return value;
}

/** The adapter of a channel for a tenant's settings; a channel not configured fails without retry. */
export function channelFor(kind: ChannelKind, settings: ChannelSettings, timeoutMs: number): Channel {
  if (kind === 'in_app') return inApp;
  if (kind === 'sms') {
    const s = settings.sms;
    if (!s) throw new ChannelError('misconfigured', 'no SMS provider configured for this tenant');
    return s.provider === 'aliyun'
      ? aliyunSms({ endpoint: s.endpoint, accessKeyId: secret(s.accessKeyIdRef, 'Aliyun AccessKeyId'), accessKeySecret: secret(s.accessKeySecretRef, 'Aliyun AccessKeySecret'),
          signName: s.signName, regionId: s.regionId, templates: s.templates, timeoutMs })
      : tencentSms({ endpoint: s.endpoint, secretId: secret(s.secretIdRef, 'Tencent SecretId'), secretKey: secret(s.secretKeyRef, 'Tencent SecretKey'),
          sdkAppId: s.sdkAppId, signName: s.signName, region: s.region, templates: s.templates, timeoutMs });
  }
  if (kind === 'wecom') {
    if (!settings.wecom) throw new ChannelError('misconfigured', 'no WeChat Work robot configured for this tenant');
    return wecomRobot({ endpoint: settings.wecom.endpoint, key: secret(settings.wecom.keyRef, 'WeChat Work robot key'), timeoutMs });
  }
  if (kind === 'dingtalk') {
    const s = settings.dingtalk;
    if (!s) throw new ChannelError('misconfigured', 'no DingTalk robot configured for this tenant');
    return dingtalkRobot({ endpoint: s.endpoint, accessToken: secret(s.accessTokenRef, 'DingTalk access token'), secret: s.secretRef ? secret(s.secretRef, 'DingTalk secret') : undefined, timeoutMs });
  }
  if (!settings.webhook) throw new ChannelError('misconfigured', 'no webhook configured for this tenant');
  return signedWebhook({ url: settings.webhook.url, secret: secret(settings.webhook.secretRef, 'webhook secret'), timeoutMs });
}
