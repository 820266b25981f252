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
    /**
     * Development only, off by default: Deployments whose pods answer Triton
     * requests (container ports 8000 and 8002, through the pod proxy) from a
     * real Triton Inference Server instead of the imitation. Every pod of the
     * Deployment answers from the same server.
     */
    tritonUpstreams?: Array<{
      namespace: string;
      /** Name of the Deployment. */
      deployment: string;
      /** Base URL of Triton's HTTP front end (`/v2/...`), e.g. http://127.0.0.1:8000 */
      httpUrl: string;
      /** Base URL of Triton's metrics port (`/metrics`), e.g. http://127.0.0.1:8002 */
      metricsUrl: string;
    }>;
    /** Synthetic services for benchmarks. */
    synthetic?: {
      services: number;
      podsPerService: number;
    };
  };
}
