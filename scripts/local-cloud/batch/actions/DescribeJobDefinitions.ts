import type { BatchAction } from './context';

export const DescribeJobDefinitions: BatchAction = (input, { store }) => {
  const wanted = Array.isArray(input.jobDefinitions) ? input.jobDefinitions.map(String) : [];
  const name = input.jobDefinitionName === undefined ? undefined : String(input.jobDefinitionName);
  const definitions = store.definitions.filter(
    (definition) =>
      (name === undefined || definition.name === name) &&
      (wanted.length === 0 ||
        wanted.some((ref) => [definition.name, definition.arn, `${definition.name}:1`].includes(ref))),
  );
  return {
    jobDefinitions: definitions.map((definition) => ({
      ...definition.properties,
      jobDefinitionName: definition.name,
      jobDefinitionArn: definition.arn,
      revision: definition.revision,
      status: 'ACTIVE',
      type: definition.type,
    })),
  };
};
