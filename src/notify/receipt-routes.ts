import { z } from 'zod';
import type { ApiRouter } from '../http/api-router.js';
import { clientIp } from '../http/rate-limit.js';
import type { Deps } from '../deps.js';
import {
  aliyunReportBody,
  fromAliyun,
  fromTencent,
  receiveReports,
  rotateReceiptCallback,
  tencentReportBody,
} from './receipts.js';

const tags = ['notify'];
const callbackParams = z.strictObject({
  callbackId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{32}$/, 'A receipt callback id.')
    .meta({ example: 'Q2FsbGJhY2tJZEV4YW1wbGVfMDEyMzQ1' }),
});
const refused = {
  404: {
    description: "Unknown callback, another provider, or a source address not on the tenant's allow-list (all alike)",
  },
  429: { description: 'Refused too often from this address' },
};

/**
 * Delivery reports pushed by the SMS providers (public: they carry no token or signature; see
 * receipts.ts for how they are trusted) and the admin's callback URL.
 */
export function registerReceiptRoutes(api: ApiRouter, deps: Deps): void {
  api.add(
    {
      method: 'post',
      path: '/notify/receipts/aliyun/:callbackId',
      summary: 'Aliyun SmsReport push (HTTP 批量推送): SMS delivery reports',
      tags,
      access: 'public',
      description:
        "A JSON array of {biz_id, success, err_code, err_msg, phone_number, …}. Trusted only from the tenant's channels.sms.receiptAllowFrom addresses. Answers {code: 0} as Aliyun expects.",
      params: callbackParams,
      body: aliyunReportBody,
      responses: {
        200: { description: 'Accepted', schema: z.object({ code: z.number(), msg: z.string() }) },
        ...refused,
      },
    },
    async ({ params, body, req }) => {
      await receiveReports(deps, 'aliyun', params.callbackId, clientIp(req), fromAliyun(body));
      return { body: { code: 0, msg: '接收成功' } };
    },
  );
  api.add(
    {
      method: 'post',
      path: '/notify/receipts/tencent/:callbackId',
      summary: 'Tencent Cloud 短信下发状态回调: SMS delivery reports',
      tags,
      access: 'public',
      description:
        "A JSON array of {sid, report_status: SUCCESS|FAIL, errmsg, description, mobile, …}. Trusted only from the tenant's channels.sms.receiptAllowFrom addresses. Answers {result: 0} as Tencent expects.",
      params: callbackParams,
      body: tencentReportBody,
      responses: {
        200: { description: 'Accepted', schema: z.object({ result: z.number(), errmsg: z.string() }) },
        ...refused,
      },
    },
    async ({ params, body, req }) => {
      await receiveReports(deps, 'tencent', params.callbackId, clientIp(req), fromTencent(body));
      return { body: { result: 0, errmsg: 'OK' } };
    },
  );
  api.add(
    {
      method: 'post',
      path: '/notify/settings/receipt-callback',
      summary: 'Create (or replace) the SMS delivery-report callback URL of the tenant',
      tags,
      access: ['admin'],
      description:
        'Returns the paths to enter in the provider console (prefix them with the public base URL). The previous URL stops working at once.',
      responses: {
        200: {
          description: 'The callback paths',
          schema: z.object({ aliyun: z.string().nullable(), tencent: z.string().nullable() }),
        },
      },
    },
    async ({ ctx }) => ({ body: await rotateReceiptCallback(deps, ctx) }),
  );
}
