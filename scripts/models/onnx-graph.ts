// A few helpers to write small ONNX models with onnx-proto: tensors, nodes, value
// infos and the model wrapper. Used by the GloVe model generator and by tests that
// build their own models. Only standard ai.onnx ops, opset 17, IR version 8.
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
export type NodeProto = onnxProto.onnx.INodeProto;
export type TensorProto = onnxProto.onnx.ITensorProto;
export type ValueInfoProto = onnxProto.onnx.IValueInfoProto;

export const OPSET = 17;
const IR_VERSION = 8;

export const DataType = {
  FLOAT: onnx.TensorProto.DataType.FLOAT,
  INT8: onnx.TensorProto.DataType.INT8,
  INT32: onnx.TensorProto.DataType.INT32,
  INT64: onnx.TensorProto.DataType.INT64,
} as const;
export type DataTypeCode = (typeof DataType)[keyof typeof DataType];

type TensorData = Float32Array | Int8Array | Int32Array | BigInt64Array;

/** An initializer; the values go in raw_data (little-endian, as ONNX requires). */
export function tensor(name: string, dataType: DataTypeCode, dims: number[], data: TensorData): TensorProto {
  const count = dims.reduce((a, b) => a * b, 1);
  if (data.length !== count) throw new Error(`tensor ${name}: ${data.length} values for shape [${dims.join(', ')}]`);
  const raw = new Uint8Array(data.byteLength);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < data.length; i++) {
    if (data instanceof Float32Array) view.setFloat32(i * 4, data[i]!, true);
    else if (data instanceof Int8Array) view.setInt8(i, data[i]!);
    else if (data instanceof Int32Array) view.setInt32(i * 4, data[i]!, true);
    else view.setBigInt64(i * 8, data[i]!, true);
  }
  return { name, dataType, dims, rawData: raw };
}

/** A 1-d int64 initializer, e.g. the `axes` input of ReduceSum and Unsqueeze. */
export function int64s(name: string, values: number[]): TensorProto {
  return tensor(name, DataType.INT64, [values.length], BigInt64Array.from(values.map(BigInt)));
}

/** A scalar float initializer. */
export function scalar(name: string, value: number): TensorProto {
  return tensor(name, DataType.FLOAT, [], Float32Array.of(value));
}

type AttributeValue = number | number[] | string;

export function node(opType: string, inputs: string[], outputs: string[], attributes: Record<string, AttributeValue> = {}): NodeProto {
  const A = onnx.AttributeProto.AttributeType;
  const attribute = Object.entries(attributes).map(([name, v]) => {
    if (typeof v === 'string') return { name, type: A.STRING, s: new TextEncoder().encode(v) };
    if (Array.isArray(v)) return { name, type: A.INTS, ints: v };
    return Number.isInteger(v) ? { name, type: A.INT, i: v } : { name, type: A.FLOAT, f: v };
  });
  return { opType, input: inputs, output: outputs, name: `${opType}_${outputs[0]}`, attribute };
}

/** A graph input or output; string dims are symbolic (batch, sequence). */
export function valueInfo(name: string, elemType: DataTypeCode, dims: (number | string)[]): ValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

export interface ModelSpec {
  name: string;
  docString?: string;
  nodes: NodeProto[];
  initializers: TensorProto[];
  inputs: ValueInfoProto[];
  outputs: ValueInfoProto[];
  metadata?: Record<string, string>;
}

export function encodeModel(spec: ModelSpec): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    producerName: 'waymark',
    opsetImport: [{ domain: '', version: OPSET }],
    docString: spec.docString ?? '',
    metadataProps: Object.entries(spec.metadata ?? {}).map(([key, value]) => ({ key, value })),
    graph: {
      name: spec.name,
      node: spec.nodes,
      initializer: spec.initializers,
      input: spec.inputs,
      output: spec.outputs,
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
