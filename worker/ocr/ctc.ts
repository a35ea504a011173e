// Greedy CTC decoding of the recognition model's output, with PaddleOCR's character
// list convention: class 0 is the CTC blank, classes 1…n are the lines of the keys
// file, and the last class is a space (PaddleOCR's use_space_char). For PP-OCRv4's
// ppocr_keys_v1.txt that is 1 + 6623 + 1 = 6625 classes, the model's output size.

export interface CharacterList {
  /** Text of each class; index 0 (blank) is the empty string. */
  readonly classes: readonly string[];
}

/** Builds the class list from the keys file (one character per line). */
export function characterListFromKeys(keys: string): CharacterList {
  const lines = keys.split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines.at(-1) === '') lines.pop(); // A final newline is not an empty character.
  if (lines.length === 0) throw new Error('the OCR keys file has no characters');
  return { classes: ['', ...lines, ' '] };
}

export interface DecodedText {
  text: string;
  /** Mean probability of the characters kept; 0 when nothing was read. */
  confidence: number;
}

/**
 * Decodes one sequence: best class per time step, repeats merged, blanks dropped
 * (a blank between two equal classes keeps both, as CTC intends).
 * @param probabilities time steps × classes, row by row (softmax output)
 */
export function decodeGreedy(probabilities: Float32Array, steps: number, characters: CharacterList): DecodedText {
  const classCount = characters.classes.length;
  if (probabilities.length !== steps * classCount) {
    throw new RangeError(`CTC input has ${probabilities.length} values, expected ${steps} steps × ${classCount} classes`);
  }
  let text = '';
  let probabilitySum = 0;
  let kept = 0;
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    const row = t * classCount;
    let best = 0;
    let bestProbability = probabilities[row]!;
    for (let c = 1; c < classCount; c++) {
      const p = probabilities[row + c]!;
      if (p > bestProbability) {
        best = c;
        bestProbability = p;
      }
    }
    if (best !== 0 && best !== previous) {
      text += characters.classes[best]!;
      probabilitySum += bestProbability;
      kept++;
    }
    previous = best;
  }
  return { text, confidence: kept > 0 ? probabilitySum / kept : 0 };
}

/** Decodes a batch laid out as batch × steps × classes. */
export function decodeBatch(probabilities: Float32Array, batch: number, steps: number, characters: CharacterList): DecodedText[] {
  const size = steps * characters.classes.length;
  if (probabilities.length !== batch * size) {
    throw new RangeError(`CTC batch has ${probabilities.length} values, expected ${batch} × ${steps} × ${characters.classes.length}`);
  }
  const out: DecodedText[] = [];
  for (let b = 0; b < batch; b++) out.push(decodeGreedy(probabilities.subarray(b * size, (b + 1) * size), steps, characters));
  return out;
}
