/**
 * The EC2 instance types a compute environment may launch, for the placement rules: each type's
 * vCPUs and the memory a Batch job can reserve on it.
 *
 * Only the families the project uses are listed (c5, c5n, m5, r5 and the `default_x86_64` set that
 * `optimal` stands for since 2025-11-01: c6i, m6i, r6i, c7i). A type or family not listed here is
 * "unknown": placement cannot judge it and lets the job through.
 */

export interface InstanceType {
  name: string;
  vcpus: number;
  /** Installed memory as EC2 advertises it. */
  memoryMib: number;
}

/** vCPUs of each size of the families whose memory is a fixed multiple of their vCPUs. */
const SIZES_5 = {
  large: 2,
  xlarge: 4,
  '2xlarge': 8,
  '4xlarge': 16,
  '8xlarge': 32,
  '12xlarge': 48,
  '16xlarge': 64,
  '24xlarge': 96,
  metal: 96,
};
const SIZES_6I = { ...SIZES_5, '32xlarge': 128, metal: 128 };
const SIZES_C5 = {
  large: 2,
  xlarge: 4,
  '2xlarge': 8,
  '4xlarge': 16,
  '9xlarge': 36,
  '12xlarge': 48,
  '18xlarge': 72,
  '24xlarge': 96,
  metal: 96,
};
const SIZES_C7I = { ...SIZES_5, '48xlarge': 192, 'metal-24xl': 96, 'metal-48xl': 192 };

/** family → [vCPUs by size, GiB per vCPU]. */
const PROPORTIONAL: Record<string, [Record<string, number>, number]> = {
  c5: [SIZES_C5, 2],
  m5: [SIZES_5, 4],
  r5: [SIZES_5, 8],
  c6i: [SIZES_6I, 2],
  m6i: [SIZES_6I, 4],
  r6i: [SIZES_6I, 8],
  c7i: [SIZES_C7I, 2],
};

/** c5n has more memory per vCPU than c5, and not in a fixed ratio: size → [vCPUs, GiB]. */
const C5N: Record<string, [number, number]> = {
  large: [2, 5.25],
  xlarge: [4, 10.5],
  '2xlarge': [8, 21],
  '4xlarge': [16, 42],
  '9xlarge': [36, 96],
  '18xlarge': [72, 192],
  metal: [72, 192],
};

/** What `optimal` and `default_x86_64` mean today (AWS Batch API reference, ComputeResource.instanceTypes). */
export const DEFAULT_X86_64_FAMILIES = ['m6i', 'c6i', 'r6i', 'c7i'];

function family(name: string): InstanceType[] | undefined {
  if (name === 'c5n') {
    return Object.entries(C5N).map(([size, [vcpus, gib]]) => ({
      name: `c5n.${size}`,
      vcpus,
      memoryMib: gib * 1024,
    }));
  }
  const entry = PROPORTIONAL[name];
  if (!entry) return undefined;
  const [sizes, gibPerVcpu] = entry;
  return Object.entries(sizes).map(([size, vcpus]) => ({
    name: `${name}.${size}`,
    vcpus,
    memoryMib: vcpus * gibPerVcpu * 1024,
  }));
}

/**
 * The instance types an `instanceTypes` entry allows: a family (`c5`), one type (`c5.4xlarge`), or
 * `optimal` / `default_x86_64`. `undefined` when the entry is not in the table.
 */
export function instanceTypesOf(entry: string): InstanceType[] | undefined {
  if (entry === 'optimal' || entry === 'default_x86_64') {
    return DEFAULT_X86_64_FAMILIES.flatMap((name) => family(name) ?? []);
  }
  const [familyName = '', size] = entry.split('.');
  const types = family(familyName);
  if (size === undefined || types === undefined) return types;
  const one = types.filter((type) => type.name === entry);
  return one.length > 0 ? one : undefined;
}

/**
 * Memory a job can reserve on an instance, in MiB. The ECS agent registers the memory the kernel
 * reports, which is less than EC2 advertises (AWS's own example: an m4.large with 8 GiB registers
 * 7985 MiB), less 32 MiB the Batch AMI keeps for the agent (`ECS_RESERVED_MEMORY`). The local
 * cloud applies the same proportion to every type, so a job asking for all of an instance's
 * nominal memory (4096 MiB on a c5.large) does not fit it, as on AWS.
 */
export function reservableMemoryMib(type: InstanceType): number {
  return Math.floor((type.memoryMib * 7985) / 8192) - 32;
}
