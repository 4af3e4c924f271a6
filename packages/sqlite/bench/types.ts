/** The three measured scenarios. */
export type Scenario = 'apply' | 'check' | 'rollback';

/** What one child process of the benchmark runs. */
export interface ScenarioJob {
  readonly scenario: Scenario;
  /**
   * `floor`: the floor (the ratio's denominator); `floorRequired`: floor + the event row and
   * foreign-key check per step the issue requires; `gaoSql`: gao-db's own per-step SQL as a raw loop
   * (both informative).
   */
  readonly impl: 'floor' | 'floorRequired' | 'gaoSql' | 'gao';
  readonly database: string;
  readonly dir: string;
  /** Number of migrations (what `rollback` undoes). */
  readonly count: number;
}

/** What one child process measured. */
export interface Measurement {
  readonly ms: number;
  readonly maxRssMb: number;
  readonly heapUsedMb: number;
}
