type TypedArray = Int16Array | Int32Array | Uint8Array | Uint32Array | Float64Array;

/** A larger copy of a typed array; new elements hold `fill`. */
export function grow<T extends TypedArray>(array: T, length: number, fill = 0): T {
  const larger = new (array.constructor as new (length: number) => T)(length);
  larger.set(array);
  if (fill !== 0) larger.fill(fill, array.length);
  return larger;
}
