/**
 * Barthel self-care index (0–100) → suggested care level (SPEC §3):
 * ≤ 40 special · 41–60 level1 · 61–80 level2 · 81–99 level3 · 100 independent (no care needed).
 */
export type SuggestedLevel = 'special' | 'level1' | 'level2' | 'level3';

/** The suggested level code, or null when the patient is independent (score 100). */
export function suggestLevel(barthelScore: number): SuggestedLevel | null {
  if (!Number.isInteger(barthelScore) || barthelScore < 0 || barthelScore > 100) {
    throw new RangeError(`Barthel score must be an integer 0–100, got ${barthelScore}`);
  }
  if (barthelScore <= 40) return 'special';
  if (barthelScore <= 60) return 'level1';
  if (barthelScore <= 80) return 'level2';
  if (barthelScore <= 99) return 'level3';
  return null;
}
