// What the WebGPU adapter of this context can do: the features and limits that decide
// which WebLLM models can run on it. Probed once; the adapter does not change under us.
import { webGpuAdapterKind, type WebGpuAdapterKind } from '../models/ort';

/** The adapter limits WebLLM checks before it loads anything (see webllm-models.ts). */
export const WEBGPU_LIMIT_NAMES = ['maxBufferSize', 'maxStorageBufferBindingSize', 'maxComputeWorkgroupStorageSize', 'maxStorageBuffersPerShaderStage'] as const;
export type WebGpuLimitName = (typeof WEBGPU_LIMIT_NAMES)[number];

export interface WebGpuCapabilities {
  /** 'software': a CPU fallback adapter (SwiftShader): correct, but far too slow for an LLM to be pleasant. */
  kind: WebGpuAdapterKind;
  features: string[];
  /** Only the limits the adapter reported; a missing one is unknown, not zero. */
  limits: Partial<Record<WebGpuLimitName, number>>;
}

interface AdapterLike {
  features?: Iterable<string>;
  limits?: Partial<Record<string, number>>;
}
type GpuLike = { requestAdapter(options?: { powerPreference?: string }): Promise<AdapterLike | null> };

let probe: Promise<WebGpuCapabilities> | undefined;

export function webGpuCapabilities(): Promise<WebGpuCapabilities> {
  probe ??= (async () => {
    const kind = await webGpuAdapterKind();
    if (kind === 'none') return { kind, features: [], limits: {} };
    const gpu = (globalThis.navigator as (Navigator & { gpu?: GpuLike }) | undefined)?.gpu;
    // The adapter WebLLM itself will ask for.
    const adapter = await gpu?.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
    if (!adapter) return { kind, features: [], limits: {} };
    const limits: WebGpuCapabilities['limits'] = {};
    for (const name of WEBGPU_LIMIT_NAMES) {
      const value = adapter.limits?.[name];
      if (typeof value === 'number') limits[name] = value;
    }
    return { kind, features: [...(adapter.features ?? [])], limits };
  })();
  return probe;
}
