// Embedding similarity for the offline policy, when a text embedder is at hand.
// Texts are embedded in one batch per step and cached, so the scorers can ask for
// similarities synchronously; without an embedder every similarity is 0 and the
// policy ranks by words alone.

/** Embeds texts (L2-normalised vectors, as every TextEmbedder returns). */
export type EmbedTexts = (texts: string[]) => Promise<Float32Array[]>;

const MAX_CACHED = 4_000;
/** Longest text embedded; element names beyond it add nothing to a match. */
const MAX_CHARS = 200;

export class SemanticMatcher {
  private readonly vectors = new Map<string, Float32Array>();
  /** Why embedding was given up on, if it failed (the policy goes on lexically). */
  failure: string | undefined;

  constructor(private readonly embed?: EmbedTexts) {}

  get enabled(): boolean {
    return this.embed !== undefined && this.failure === undefined;
  }

  /** Embeds the texts not seen yet, in one call. A failing embedder disables matching. */
  async prepare(texts: Iterable<string>): Promise<void> {
    if (!this.enabled) return;
    const wanted = [...new Set([...texts].map(key).filter((t) => t && !this.vectors.has(t)))];
    if (wanted.length === 0) return;
    try {
      const vectors = await this.embed!(wanted);
      if (this.vectors.size + wanted.length > MAX_CACHED) this.vectors.clear();
      wanted.forEach((t, i) => {
        const v = vectors[i];
        if (v) this.vectors.set(t, v);
      });
    } catch (e) {
      this.failure = e instanceof Error ? e.message : String(e);
    }
  }

  /** Cosine similarity of two prepared texts; 0 when either is unknown or has no known word. */
  similarity(a: string, b: string): number {
    const va = this.vectors.get(key(a));
    const vb = this.vectors.get(key(b));
    if (!va || !vb || va.length !== vb.length) return 0;
    let dot = 0;
    for (let i = 0; i < va.length; i++) dot += va[i]! * vb[i]!;
    return dot;
  }
}

function key(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase().slice(0, MAX_CHARS);
}
