import { describe, expect, it } from 'vitest';
import { designNamed, kindsWritten } from './memory-designs';

describe('the kinds a run writes', () => {
  const reflective = designNamed('reflective')!;
  it('a design the learner is trying writes its kinds and the safe default’s, so trying it costs no memory', () => {
    expect([...kindsWritten(reflective, 'sampled')].sort()).toEqual(['episode', 'insight', 'keyframe', 'workflow']);
  });
  it('a design asked for or pinned writes exactly its own (ablations, fixed behaviour)', () => {
    expect(kindsWritten(reflective, 'requested')).toEqual(['insight', 'keyframe']);
    expect(kindsWritten(designNamed('procedural')!, 'pinned')).toEqual(['episode', 'workflow']);
  });
});
