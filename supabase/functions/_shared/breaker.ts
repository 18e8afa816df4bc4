// Circuit breaker for a flaky dependency (the LLM): after `threshold` consecutive failures it opens and
// refuses calls for `cooldownMs`; then it lets exactly one probe through (half-open). A successful probe
// closes it, a failed one opens it for another cooldown. The clock is an argument, never read here.
export type BreakerState = "closed" | "open" | "half-open";

export class CircuitBreaker {
  #failures = 0;
  #openUntil = 0;
  #probing = false;

  constructor(readonly threshold = 3, readonly cooldownMs = 30_000) {}

  state(nowMs: number): BreakerState {
    if (this.#failures < this.threshold) return "closed";
    return nowMs < this.#openUntil ? "open" : "half-open";
  }

  /** May a call go out now? In half-open state only one probe at a time is allowed. */
  allow(nowMs: number): boolean {
    const state = this.state(nowMs);
    if (state === "closed") return true;
    if (state === "open" || this.#probing) return false;
    this.#probing = true;
    return true;
  }

  success(): void {
    this.#failures = 0;
    this.#probing = false;
  }

  failure(nowMs: number): void {
    this.#failures++;
    this.#probing = false;
    if (this.#failures >= this.threshold) this.#openUntil = nowMs + this.cooldownMs;
  }
}
