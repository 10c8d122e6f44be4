import type { DemoContext } from './context.js';
import { canteenDemoStep } from './canteen.js';
import { nursingDemoStep } from './nursing.js';
import { deliveryDemoStep } from './delivery.js';

export interface DemoStep {
  title: string;
  run(ctx: DemoContext): Promise<void>;
}

/** Each domain's part of `npm run demo`, in order. Domains append theirs. */
export const demoSteps: DemoStep[] = [canteenDemoStep, nursingDemoStep, deliveryDemoStep];
