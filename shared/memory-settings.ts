// What the user decides about memory (the inspector's Settings view): how many items
// memory may hold before the coach prunes, sites where nothing is ever recorded —
// no run there is learned from and record mode refuses to start — and fields whose
// values are secrets besides passwords, cards and one-time codes.
import { z } from 'zod';
import { sensitivePatterns } from './redact';

/** A site as the user gives it: an origin (`https://bank.example`) or a bare host (`bank.example`). */
const Site = z
  .string()
  .min(1)
  .max(300)
  .refine((s) => normalizeSite(s) !== null, 'expected an origin such as https://bank.example or a host such as bank.example');

export const MemorySettings = z
  .object({
    /** Items memory may hold; past it the least useful unpinned ones are pruned (their history keeps them). */
    itemBudget: z.number().int().min(10).max(1_000_000),
    /** Origins (or hosts) where nothing is ever recorded or learned. */
    neverRecord: z.array(Site).max(500),
    /** Fields whose values are secrets too (a word or phrase, or /a regular expression/), matched against a field's name, id and label. */
    sensitiveFields: z
      .array(z.string().min(1).max(200))
      .max(100)
      .superRefine((lines, ctx) => {
        for (const problem of sensitivePatterns(lines).problems) ctx.addIssue({ code: 'custom', message: problem });
      }),
  })
  .strict();
export type MemorySettings = z.infer<typeof MemorySettings>;

export const MemorySettingsPatch = MemorySettings.partial().strict();
export type MemorySettingsPatch = z.infer<typeof MemorySettingsPatch>;

export const DEFAULT_MEMORY_SETTINGS: MemorySettings = { itemBudget: 5_000, neverRecord: [], sensitiveFields: [] };

/**
 * A site in one canonical form: an origin stays an origin (`https://bank.example`),
 * a bare host is lower-cased (`bank.example`, which then matches any scheme and port).
 * Null for what is neither.
 */
export function normalizeSite(site: string): string | null {
  const s = site.trim();
  if (s === '') return null;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) {
    try {
      const origin = new URL(s).origin;
      return origin === 'null' ? null : origin;
    } catch {
      return null;
    }
  }
  return /^[a-z0-9.-]+(:\d+)?$/i.test(s) && !s.startsWith('.') ? s.toLowerCase() : null;
}

/** Whether `urlOrOrigin` is on a site of `neverRecord`. */
export function isNeverRecorded(urlOrOrigin: string, neverRecord: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(urlOrOrigin);
  } catch {
    return false;
  }
  return neverRecord.some((entry) => {
    const site = normalizeSite(entry);
    if (site === null) return false;
    return site.includes('://') ? site === url.origin : site === url.host || site === url.hostname;
  });
}
