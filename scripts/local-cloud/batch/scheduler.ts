import type { Job } from './model';

/**
 * vCPU slots of the local compute environment: RUNNABLE jobs start in order (queue priority, then
 * submission) as soon as their vCPUs are free; a later, smaller job may start ahead of one that
 * does not fit yet. A job asking for more vCPUs than the machine has is given all of them.
 */
export class VcpuScheduler {
  private readonly waiting: Job[] = [];
  private used = 0;

  constructor(
    readonly capacity: number,
    private readonly priorityOf: (job: Job) => number,
    private readonly start: (job: Job) => void,
  ) {}

  /** Slots a job holds: its vCPUs, at most the whole machine. */
  slotsOf(job: Job): number {
    return Math.min(job.vcpus, this.capacity);
  }

  enqueue(job: Job): void {
    this.waiting.push(job);
    this.waiting.sort((a, b) => this.priorityOf(b) - this.priorityOf(a) || a.createdAt - b.createdAt);
    this.dispatch();
  }

  /** Removes a job that will not start after all (cancelled, terminated). */
  remove(job: Job): void {
    const index = this.waiting.indexOf(job);
    if (index !== -1) this.waiting.splice(index, 1);
  }

  release(job: Job): void {
    this.used -= this.slotsOf(job);
    this.dispatch();
  }

  get inUse(): number {
    return this.used;
  }

  private dispatch(): void {
    for (let i = 0; i < this.waiting.length; ) {
      const job = this.waiting[i];
      if (job && this.used + this.slotsOf(job) <= this.capacity) {
        this.waiting.splice(i, 1);
        this.used += this.slotsOf(job);
        this.start(job);
      } else {
        i += 1;
      }
    }
  }
}
