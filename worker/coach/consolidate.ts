// Consolidation (Memory-R1, ReMe): each new item is set against its nearest
// neighbours of the same kind and cluster, and one of four things happens:
//  - no-op:     it is already there (the same run learned from twice);
//  - update:    a near-duplicate exists — merged into it (provenance, counts, fresher text);
//  - supersede: it contradicts an older lesson (now "avoid X", before "X worked", or
//               the reverse) — the older one is removed, with the reason in its history;
//  - add:       otherwise.
// Every change goes through Memory, so it is in the item's history and can be undone.
import type { MemoryItem } from '../../shared/model';
import { generalizeWorkflows, Workflow } from '../../shared/workflow';
import type { NewMemoryItem } from '../../shared/worker-api';
import { normalizeText } from '../../shared/words';
import type { Memory } from '../memory';
import { itemEmbeddingText } from '../memory';

/** Above this cosine similarity, two items of one kind and cluster say the same. */
export const NEAR_DUPLICATE = 0.93;
const PROVENANCE_KEPT = 20;

export type ConsolidationAction = { action: 'add'; item: MemoryItem } | { action: 'update'; item: MemoryItem } | { action: 'supersede'; item: MemoryItem; superseded: string[] } | { action: 'no-op'; item: MemoryItem };

/** What makes two items the same thing, independent of wording. */
export function identityOf(item: Pick<NewMemoryItem, 'kind' | 'scope' | 'data' | 'text'>): string {
  const d = item.data ?? {};
  const cluster = item.scope.cluster ?? '';
  switch (item.kind) {
    case 'workflow': {
      const steps = ((d.workflow as { steps?: { kind: string; target?: { name: string } }[] } | undefined)?.steps ?? []).map((s) => `${s.kind}:${normalizeText(s.target?.name ?? '')}`);
      return `workflow|${cluster}|${steps.join('>')}`;
    }
    case 'insight': {
      const avoid = avoidNames(d).sort().join(',');
      return `insight|${cluster}|${String(d.from ?? '')}|${avoid || normalizeText(item.text)}`;
    }
    case 'episode':
      return `episode|${cluster}|${(d.outcome as { status?: string } | undefined)?.status ?? ''}|${((d.pattern as string[] | undefined) ?? []).join('>')}`;
    case 'keyframe':
      return `keyframe|${item.scope.origin ?? ''}|${String(d.moment ?? '')}|${String(d.fingerprint ?? '')}`;
  }
}

/**
 * What an item claims, apart from its wording: an episode's outcome, a lesson's
 * source and the controls it says to avoid, a keyframe's moment. Items that claim
 * different things are never near-duplicates, however alike their text reads.
 */
function verdictOf(item: Pick<NewMemoryItem, 'kind' | 'data'>): string {
  const d = item.data ?? {};
  switch (item.kind) {
    case 'episode':
      return (d.outcome as { status?: string } | undefined)?.status ?? '';
    case 'insight':
      return `${String(d.from ?? '')}|${avoidNames(d).sort().join(',')}`;
    case 'keyframe':
      return `${String(d.moment ?? '')}|${String(d.outcome ?? '')}`;
    case 'workflow':
      return '';
  }
}

function avoidNames(data: Record<string, unknown>): string[] {
  return ((data.avoid as { target: { name: string } }[] | undefined) ?? []).map((a) => normalizeText(a.target.name));
}

/** Names of the controls a success clicked (from its lesson's or workflow's steps). */
function clickedNames(item: Pick<NewMemoryItem, 'kind' | 'data' | 'text'>): string[] {
  const steps = (item.data?.workflow as { steps?: { kind: string; target?: { name: string } }[] } | undefined)?.steps;
  if (steps) return steps.filter((s) => s.kind === 'click' && s.target).map((s) => normalizeText(s.target!.name));
  return [...item.text.matchAll(/click "([^"]+)"/g)].map((m) => normalizeText(m[1]!));
}

/** The older item says the opposite: it avoids what the new success clicked, or it clicked what the new failure avoids. */
function contradicts(fresh: NewMemoryItem, old: MemoryItem): boolean {
  if (old.pinned || old.scope.cluster !== fresh.scope.cluster) return false;
  const freshAvoid = avoidNames(fresh.data ?? {});
  const oldAvoid = avoidNames(old.data ?? {});
  if (fresh.kind === 'insight' && fresh.data?.from === 'success' && oldAvoid.length) return oldAvoid.some((n) => clickedNames(fresh).includes(n));
  if (fresh.kind === 'insight' && freshAvoid.length && old.kind === 'insight' && old.data?.from === 'success') {
    // A failure does not overrule a lesson that has helped more than it hurt.
    return old.counters.helped <= old.counters.hurt && freshAvoid.some((n) => clickedNames(old).includes(n));
  }
  return false;
}

function counted(data: Record<string, unknown> | undefined, key: string): number {
  const v = data?.[key];
  return typeof v === 'number' ? v : 0;
}

/**
 * A workflow learned from another instance of the same kind of task, whose procedure
 * differs only where the two tasks differ: the older one is generalised (anti-unified)
 * so both instances bind it, instead of keeping two near-copies.
 */
function mergedProvenance(current: MemoryItem, fresh: NewMemoryItem): string[] {
  return [...new Set([...current.provenance, ...fresh.provenance])].slice(-PROVENANCE_KEPT);
}

async function generalizeInto(memory: Memory, candidates: readonly MemoryItem[], fresh: NewMemoryItem): Promise<ConsolidationAction | null> {
  const freshWorkflow = Workflow.safeParse(fresh.data?.workflow);
  if (!freshWorkflow.success) return null;
  for (const old of candidates) {
    if (old.kind !== 'workflow' || old.scope.cluster !== fresh.scope.cluster) continue;
    const oldWorkflow = Workflow.safeParse(old.data?.workflow);
    if (!oldWorkflow.success) continue;
    const merged = generalizeWorkflows(oldWorkflow.data, freshWorkflow.data);
    if (!merged) continue;
    const runId = fresh.provenance[0];
    if (runId && old.provenance.includes(runId)) return { action: 'no-op', item: old };
    const newVariables = merged.variables.filter((v) => !oldWorkflow.data.variables.some((o) => o.name === v.name)).map((v) => `{${v.name}}`);
    // Made from the item as stored: its counts and provenance may have moved since it was found.
    const item = await memory.update(
      old.id,
      (current) => ({
        title: merged.task.slice(0, 300),
        text: fresh.text,
        whenToUse: fresh.whenToUse,
        data: { ...(current.data ?? {}), workflow: merged, succeeded: counted(current.data, 'succeeded') + counted(fresh.data, 'succeeded') },
        provenance: mergedProvenance(current, fresh),
      }),
      `generalised with what run ${runId ?? 'unknown'} taught${newVariables.length ? `: ${newVariables.join(', ')} now a variable` : ''}`,
      'merge',
    );
    return { action: 'update', item };
  }
  return null;
}

export async function consolidate(memory: Memory, fresh: NewMemoryItem): Promise<ConsolidationAction> {
  const runId = fresh.provenance[0];
  const key = identityOf(fresh);
  const kinds = fresh.kind === 'insight' ? (['insight'] as const) : ([fresh.kind] as const);
  const neighbours = await memory.search(itemEmbeddingText(fresh), { k: 8, filter: { kind: [...kinds], ...(fresh.scope.cluster ? { cluster: fresh.scope.cluster } : {}) } });
  const same = neighbours.find((h) => identityOf(h.item) === key) ?? neighbours.find((h) => h.score >= NEAR_DUPLICATE && h.item.kind === fresh.kind && verdictOf(h.item) === verdictOf(fresh) && !contradicts(fresh, h.item));
  if (!same && fresh.kind === 'workflow') {
    const generalized = await generalizeInto(memory, neighbours.map((h) => h.item), fresh);
    if (generalized) return generalized;
  }
  let kept: ConsolidationAction;
  if (same) {
    const old = same.item;
    if (runId && old.provenance.includes(runId)) return { action: 'no-op', item: old };
    const merged = await memory.update(
      old.id,
      (current) => {
        const data = { ...(current.data ?? {}), ...(fresh.data ?? {}) };
        for (const k of ['seen', 'succeeded']) if (k in data) data[k] = counted(current.data, k) + counted(fresh.data, k);
        return { title: fresh.title, text: fresh.text, whenToUse: fresh.whenToUse, data, provenance: mergedProvenance(current, fresh), ...(current.pinned ? {} : { scope: fresh.scope }) };
      },
      `merged with what run ${runId ?? 'unknown'} taught (${identityOf(old) === key ? 'same content' : `similarity ${same.score.toFixed(2)}`})`,
      'merge',
    );
    kept = { action: 'update', item: merged };
  } else {
    kept = { action: 'add', item: await memory.add(fresh, `learned from run ${runId ?? 'unknown'}`) };
  }
  // Merged or added, what the run taught overrules the older lessons it contradicts.
  const superseded: string[] = [];
  const pool = fresh.kind === 'insight' ? neighbours.filter((h) => h.item.id !== kept.item.id) : [];
  for (const h of pool) {
    if (!contradicts(fresh, h.item)) continue;
    await memory.remove(h.item.id, `superseded by "${kept.item.title}" (${kept.item.id}) from run ${runId ?? 'unknown'}`);
    superseded.push(h.item.id);
  }
  return superseded.length ? { action: 'supersede', item: kept.item, superseded } : kept;
}
