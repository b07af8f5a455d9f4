/**
 * Work-arounds for cfn-resolver-lib 1.1.8, applied to the template before evaluation and undone
 * after it:
 * - it replaces an object that has a single key holding a list by that list (meant for
 *   `{ "Fn::Join": [...] }`, it also flattens `{ "Statement": [...] }`): a marker key on every plain
 *   object keeps them intact;
 * - it returns an IAM statement's `Condition` with more than one operator unevaluated: that key
 *   travels under another name;
 * - it knows no `AWS::NoValue`: that Ref evaluates to a marker, and what holds it is removed.
 */

type Dict = Record<string, unknown>;

const KEEP = '__localCloudKeep';
const CONDITION = '__localCloudCondition';
export const NO_VALUE = '__localCloudNoValue';

export function isDict(value: unknown): value is Dict {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isIntrinsic(value: Dict): boolean {
  const keys = Object.keys(value);
  return (
    keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || String(keys[0]).startsWith('Fn::'))
  );
}

/** The key a property travels under: a statement's `Condition` object is renamed (a resource's is a name). */
export function travellingKey(key: string, item: unknown): string {
  return key === 'Condition' && isDict(item) ? CONDITION : key;
}

/** Marks a copied plain object (not an intrinsic function) so that the resolver keeps it as an object. */
export function markPlain(copy: Dict, original: Dict): Dict {
  if (!isIntrinsic(original)) copy[KEEP] = true;
  return copy;
}

/** The evaluated value with markers removed, keys renamed back and `AWS::NoValue` holders dropped. */
export function withoutMarkers(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== NO_VALUE).map(withoutMarkers);
  if (!isDict(value)) return value;
  const out: Dict = {};
  for (const [key, item] of Object.entries(value)) {
    if (key !== KEEP && item !== NO_VALUE) out[key === CONDITION ? 'Condition' : key] = withoutMarkers(item);
  }
  return out;
}

/** The path of the first intrinsic function left unevaluated, if any. */
export function leftover(value: unknown, where: string): string | undefined {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = leftover(item, `${where}[${index}]`);
      if (found) return found;
    }
  } else if (isDict(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'Ref' || key.startsWith('Fn::')) return `${where}.${key}`;
      const found = leftover(item, `${where}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}
