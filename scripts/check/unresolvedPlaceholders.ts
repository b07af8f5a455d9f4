import type { Template } from './template';

/** State machine properties in which `#{…}` is serverless-step-functions' own placeholder syntax. */
const definitionProperties = new Set(['Definition', 'DefinitionString', 'DefinitionSubstitutions']);

/**
 * Paths of every string holding an unresolved `#{…}` placeholder, outside the definitions of
 * state machines (where serverless-step-functions turns them into `Fn::Sub` variables). Anywhere
 * else such a string reaches AWS verbatim: in an IAM policy it fails to parse or matches nothing.
 *
 * @example
 * unresolvedPlaceholders(template); // ['Resources.ImagingRole.Properties.Policies[0]…Resource[0]']
 */
export function unresolvedPlaceholders(template: Template): string[] {
  const found: string[] = [];
  for (const [section, value] of Object.entries(template)) {
    if (section === 'Resources') continue;
    collect(value, section, found);
  }
  for (const [id, resource] of Object.entries(template.Resources ?? {})) {
    const isStateMachine = resource.Type === 'AWS::StepFunctions::StateMachine';
    for (const [key, value] of Object.entries(resource)) {
      if (key !== 'Properties') {
        collect(value, `Resources.${id}.${key}`, found);
        continue;
      }
      for (const [property, inner] of Object.entries(resource.Properties ?? {})) {
        if (isStateMachine && definitionProperties.has(property)) continue;
        collect(inner, `Resources.${id}.Properties.${property}`, found);
      }
    }
  }
  return found;
}

function collect(value: unknown, path: string, found: string[]): void {
  if (typeof value === 'string') {
    if (value.includes('#{')) found.push(path);
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) collect(item, `${path}[${index}]`, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) collect(inner, `${path}.${key}`, found);
  }
}
