import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from '../../src/notify/index.js';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';

/**
 * One rule decides "and by SMS as well" for a staff member (toUser) and for the admins (toAdmins):
 * the tenant's SMS provider has an approved template for that message. A provider without it gets
 * nothing to send (it would only fail as misconfigured); the in-app message goes out either way.
 */
process.env.NOTIFY_RULE_ID ??= 'rule-id';
process.env.NOTIFY_RULE_SECRET ??= 'rule-secret';
let env: TestEnv;
let tenant: TestTenant;
let aide: { id: string };

async function smsSettings(templates: Record<string, { id: string; params: string[] }>) {
  const res = await env.request.put('/notify/settings').set(bearer(tenant.adminToken)).send({
    channels: { sms: { provider: 'aliyun', endpoint: 'http://127.0.0.1:9/aliyun/', accessKeyIdRef: 'env:NOTIFY_RULE_ID', accessKeySecretRef: 'env:NOTIFY_RULE_SECRET', signName: '测试', templates } },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

beforeAll(async () => {
  env = await createTestEnv('notify_sms_rule');
  tenant = await env.tenant();
  aide = await tenant.user(['care_aide']);
  await env.deps.prisma.user.updateMany({ where: { tenantId: tenant.id }, data: { phone: '13800138000' } });
}, 120_000);
afterAll(async () => {
  await env?.close();
});

const payload = { name: '王芳', gained: '12月4日白班', lost: '无' };
const channels = (sent: { recipient: string }[]) => sent.map((m) => (m.recipient.startsWith('user:') || m.recipient.startsWith('role:') ? 'in_app' : 'sms'));

describe('the one SMS rule of staff notices', () => {
  it('when the provider has no template for the message, then an aide and the admins get it in-app only', async () => {
    await smsSettings({});
    const user = await notify.toUser(env.deps, tenant.id, { id: aide.id, phone: '13800138000' }, { businessKey: 'rule.none', template: 'rosterChanged', payload });
    const admins = await notify.toAdmins(env.deps, tenant.id, { businessKey: 'rule.none.admins', template: 'ticketNotResolved', payload: { unit: '食堂', category: '饭菜', due: '12月3日' } });
    expect(channels(user)).toEqual(['in_app']);
    expect(channels(admins)).toEqual(['in_app']);
  });

  it('when the provider has the template, then both add the SMS beside the in-app message', async () => {
    await smsSettings({ rosterChanged: { id: 'SMS_R', params: ['name', 'gained', 'lost'] }, ticketNotResolved: { id: 'SMS_T', params: ['unit', 'category', 'due'] } });
    const user = await notify.toUser(env.deps, tenant.id, { id: aide.id, phone: '13800138000' }, { businessKey: 'rule.both', template: 'rosterChanged', payload });
    const admins = await notify.toAdmins(env.deps, tenant.id, { businessKey: 'rule.both.admins', template: 'ticketNotResolved', payload: { unit: '食堂', category: '饭菜', due: '12月3日' } });
    expect(channels(user)).toEqual(['in_app', 'sms']);
    expect(channels(admins)).toEqual(['in_app', 'sms']);
  });
});
