export interface Config {
  /** The embedded demo Kubernetes cluster (package `@internal/demo-cluster`). */
  demoCluster?: {
    /** Start the demo cluster inside the backend. Default false. */
    enabled?: boolean;
    /** Port on 127.0.0.1. Default 7480. */
    port?: number;
    /**
     * Bearer token clients must send. Default `demo-token`.
     * @visibility secret
     */
    token?: string;
    /**
     * A second bearer token, the write identity of the scaffolder's apply
     * action. When set, the demo enforces read/write like RBAC would: `token`
     * may only read (writes get 403), `writeToken` may read and write.
     * @visibility secret
     */
    writeToken?: string;
    /** Directory of the cluster objects, relative to the repository root. Default `examples/cluster`. */
    fixturesDir?: string;
    /** The H200 batch-profile JSON, relative to the repository root. Default: the common package's copy. */
    batchProfilesPath?: string;
    /** Seed of the simulation. Default 42. */
    seed?: number;
    /** Simulated day-seconds per real second for the load curves. Default 24 (a day per hour). */
    timeScale?: number;
    /** Hour of the day the load curves show at start. Default 10. */
    startHour?: number;
    /** Seconds simulated before start so there is history. Default 900. */
    warmupSeconds?: number;
    /** Synthetic services for benchmarks. */
    synthetic?: {
      services: number;
      podsPerService: number;
    };
  };
}
