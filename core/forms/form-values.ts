import type { FormValues } from '../reply.js';

/** A text input's value, '' when the form left it out. */
export function textValue(values: FormValues, id: string): string {
  const value = values[id];
  return typeof value === 'string' ? value : '';
}

/** A select's chosen values, [] when none (a single text value counts as one choice). */
export function choiceValues(values: FormValues, id: string): string[] {
  const value = values[id];
  if (value === undefined) return [];
  return typeof value === 'string' ? (value === '' ? [] : [value]) : [...value];
}
