/** A sleep that `ring()` cuts short: a poller naps between passes, and new work wakes it at once. */
export class Alarm {
  private ringing: (() => void) | undefined;

  nap(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.ringing = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  ring(): void {
    this.ringing?.();
  }
}
