export interface Config {
  /**
   * Model Scaling for Backstage. The golden-path presets live in
   * `modelScaling.patterns` (schema in `@internal/plugin-model-scaling-common`);
   * the scaffolder actions read them from there.
   */
  modelScaling?: {
    /** Settings of the `model-service:*` scaffolder actions. */
    scaffolder?: {
      /**
       * The clusters `model-service:cluster:apply` may write to, each with the
       * namespaces it may write in and its own write identity. The apply
       * action never uses the token of `kubernetes.clusterLocatorMethods`: the
       * Kubernetes plugin's proxy forwards that token for any signed-in user,
       * so it must only read. Give each target a ServiceAccount bound to a
       * namespaced Role (docs/security.md). Set exactly one of
       * `serviceAccountToken`, `serviceAccountTokenFile` and `inCluster`.
       */
      targets?: Array<{
        /** Cluster name; the template's `cluster` input. Without `url`, a cluster of `kubernetes.clusterLocatorMethods`. */
        cluster: string;
        /** The only namespaces the action may write in. */
        namespaces: string[];
        /** API server URL; default the URL of the read cluster of this name. */
        url?: string;
        /**
         * Bearer token of the apply ServiceAccount.
         * @visibility secret
         */
        serviceAccountToken?: string;
        /** File with the bearer token, read at every apply (projected tokens rotate). */
        serviceAccountTokenFile?: string;
        /** Use the backend pod's own ServiceAccount token. */
        inCluster?: boolean;
        /**
         * Base64 PEM of the API server's CA; default the read cluster's.
         * @visibility secret
         */
        caData?: string;
        /** PEM file of the API server's CA; default the read cluster's. */
        caFile?: string;
        /** Skip verifying the API server's TLS certificate. */
        skipTLSVerify?: boolean;
      }>;
      /**
       * No longer read (it made apply write with the read token): use
       * `targets`. A warning is logged when it is set.
       * @deprecated use `targets`
       */
      allowedTargets?: Array<{ cluster: string; namespace: string }>;
      /**
       * Demo/offline publishing: `model-service:repo:publish-local` writes each
       * new repository to `<baseDir>/<name>` as a local git repository and
       * registers its `catalog-info.yaml` as a `file` location. Leave unset in
       * production; the action is then refused.
       */
      localPublish?: {
        /** Set false to turn local publishing off where a base config enables it (production). */
        enabled?: boolean;
        /** Absolute directory (or relative to the backend's working directory). */
        baseDir?: string;
      };
    };
  };
}
