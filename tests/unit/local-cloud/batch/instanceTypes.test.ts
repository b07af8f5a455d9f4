import { instanceTypesOf, reservableMemoryMib } from '../../../../scripts/local-cloud/batch/instanceTypes';

describe('instanceTypesOf', () => {
  it('expands a family into its sizes with their vCPUs and advertised memory', () => {
    const c5 = instanceTypesOf('c5') ?? [];

    expect(c5.map((type) => type.name)).toContain('c5.9xlarge');
    expect(c5.find((type) => type.name === 'c5.large')).toEqual({
      name: 'c5.large',
      vcpus: 2,
      memoryMib: 4096,
    });
    expect(instanceTypesOf('r6i.32xlarge')).toEqual([
      { name: 'r6i.32xlarge', vcpus: 128, memoryMib: 1048576 },
    ]);
    expect(instanceTypesOf('c5n.large')).toEqual([{ name: 'c5n.large', vcpus: 2, memoryMib: 5376 }]);
  });

  it('reads optimal as the default_x86_64 families (m6i, c6i, r6i, c7i)', () => {
    const families = new Set((instanceTypesOf('optimal') ?? []).map((type) => type.name.split('.')[0]));

    expect([...families].sort()).toEqual(['c6i', 'c7i', 'm6i', 'r6i']);
    expect(instanceTypesOf('default_x86_64')).toEqual(instanceTypesOf('optimal'));
  });

  it('does not know families or sizes outside its table', () => {
    expect(instanceTypesOf('p4d')).toBeUndefined();
    expect(instanceTypesOf('c5.7xlarge')).toBeUndefined();
  });
});

describe('reservableMemoryMib', () => {
  it("gives AWS's figure for an m4.large-sized instance: 7985 MiB registered less 32 reserved", () => {
    expect(reservableMemoryMib({ name: 'x.large', vcpus: 2, memoryMib: 8192 })).toBe(7985 - 32);
  });

  it('leaves less than the advertised 4 GiB of a c5.large to jobs', () => {
    const c5large = instanceTypesOf('c5.large')?.[0];
    if (!c5large) throw new Error('c5.large missing from the table');

    expect(reservableMemoryMib(c5large)).toBeLessThan(4096);
    expect(reservableMemoryMib(c5large)).toBeGreaterThan(3800);
  });
});
