// The inner loops of a search: score every vector of one list against the query and
// keep the best in a TopK. Two loops, so the unfiltered one carries no filter checks.
import { dotInt8 } from './dot';
import type { PostingList } from './posting-list';
import { ANY, type CompiledFilter } from './scope-filter';
import type { TopK } from './top-k';

export function scanList(list: PostingList, query: Float32Array, top: TopK): void {
  const d = list.dimensions;
  const codes = list.codes;
  const scales = list.scales;
  const slots = list.slots;
  let floor = top.floor;
  for (let i = 0, n = list.length; i < n; i++) {
    const score = scales[i]! * dotInt8(query, codes, i * d, d);
    if (score > floor) {
      top.push(score, slots[i]!);
      floor = top.floor;
    }
  }
}

/** Like scanList, skipping (before the dot product) vectors the filter rejects. */
export function scanListFiltered(list: PostingList, query: Float32Array, filter: CompiledFilter, top: TopK): void {
  const d = list.dimensions;
  const codes = list.codes;
  const scales = list.scales;
  const slots = list.slots;
  const origins = list.origins;
  const kinds = list.kinds;
  const clusters = list.clusters;
  const origin = filter.origin;
  const cluster = filter.cluster;
  const allowedKinds = filter.kinds;
  let floor = top.floor;
  for (let i = 0, n = list.length; i < n; i++) {
    if (origin !== ANY && origins[i] !== origin) continue;
    if (cluster !== ANY && clusters[i] !== cluster) continue;
    if (allowedKinds !== null && allowedKinds[kinds[i]!] !== 1) continue;
    const score = scales[i]! * dotInt8(query, codes, i * d, d);
    if (score > floor) {
      top.push(score, slots[i]!);
      floor = top.floor;
    }
  }
}

/**
 * Like scanListFiltered over just the vectors in `slots` (located through listOf and
 * posOf): for a rare scope, reading its members beats checking every vector's scope.
 */
export function scanSlots(
  slots: Int32Array,
  lists: PostingList[],
  listOf: Int32Array,
  posOf: Int32Array,
  query: Float32Array,
  filter: CompiledFilter,
  top: TopK,
): void {
  const origin = filter.origin;
  const cluster = filter.cluster;
  const allowedKinds = filter.kinds;
  let floor = top.floor;
  for (let i = 0, n = slots.length; i < n; i++) {
    const slot = slots[i]!;
    const list = lists[listOf[slot]!]!;
    const p = posOf[slot]!;
    if (origin !== ANY && list.origins[p] !== origin) continue;
    if (cluster !== ANY && list.clusters[p] !== cluster) continue;
    if (allowedKinds !== null && allowedKinds[list.kinds[p]!] !== 1) continue;
    const d = list.dimensions;
    const score = list.scales[p]! * dotInt8(query, list.codes, p * d, d);
    if (score > floor) {
      top.push(score, slot);
      floor = top.floor;
    }
  }
}
