import type { ApiRouter } from '../../http/api-router.js';
import type { Deps } from '../../deps.js';
import { shiftChangesSchema, shiftsSeenInput, shiftsSeenResult } from './schemas-aide.js';
import { markShiftsSeen, myShiftChanges } from './aide-changes-service.js';

const tags = ['nursing: rosters'];

/** The care aide's notices: what changed in their coming shifts since they last looked. */
export function registerNursingAideRoutes(api: ApiRouter, deps: Deps): void {
  api.add(
    { method: 'get', path: '/me/shift-changes', summary: 'My shifts gained or lost since I last marked them seen (care aides)', tags,
      access: ['care_aide'], responses: { 200: { description: 'Changes', schema: shiftChangesSchema } } },
    async ({ ctx }) => ({ body: await myShiftChanges(deps, ctx) }),
  );
  api.add(
    { method: 'post', path: '/me/shift-changes/seen', operationId: 'markMyShiftChangesSeen', summary: 'Mark my shifts as seen (send back the keys shown; repeating it is harmless)', tags,
      access: ['care_aide'], body: shiftsSeenInput, responses: { 200: { description: 'Stored', schema: shiftsSeenResult } } },
    async ({ ctx, body }) => ({ body: await markShiftsSeen(deps, ctx, body.keys) }),
  );
}
