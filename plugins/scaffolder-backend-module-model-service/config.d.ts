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
       * The cluster/namespace pairs that `model-service:cluster:apply` may
       * apply manifests to. Any other pair is refused. The cluster names refer
       * to clusters of `kubernetes.clusterLocatorMethods`.
       */
      allowedTargets?: Array<{
        /** Cluster name, as in `kubernetes.clusterLocatorMethods[].clusters[].name`. */
        cluster: string;
        /** Namespace in that cluster. */
        namespace: string;
      }>;
      /**
       * Demo/offline publishing: `model-service:repo:publish-local` writes each
       * new repository to `<baseDir>/<name>` as a local git repository and
       * registers its `catalog-info.yaml` as a `file` location. Leave unset in
       * production; the action is then refused.
       */
      localPublish?: {
        /** Absolute directory (or relative to the backend's working directory). */
        baseDir: string;
      };
    };
  };
}
