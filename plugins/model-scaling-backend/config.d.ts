export interface Config {
  // Clusters are read from `kubernetes.clusterLocatorMethods`, the Kubernetes
  // plugin's own keys (declared, with their secret visibility, by the schema of
  // `@backstage/plugin-kubernetes-backend`), so they are configured once for
  // both plugins and declared here not at all.

  modelScaling?: {
    /**
     * Recorded traffic of each service (its request rate), for the cost card,
     * the savings and the what-if replay.
     */
    traffic?: {
      /** Longest range the traffic route answers: `24h`, `7d`, … (default `7d`). */
      maxRange?: string;
      /**
       * Hours of request rate each backend keeps in memory per workload at
       * the collection step (default 24; 8 bytes a step: 46 KB per workload
       * at 15 s).
       */
      recordHours?: number;
      /** A longer history from Prometheus (`query_range`, at the replay's step). */
      prometheus?: {
        /** Default: `modelScaling.triton.prometheus.url`. */
        url?: string;
        /** Per query, default 10000. */
        timeoutMs?: number;
        /** Points per answer (default and maximum 11000, Prometheus' limit); the step grows to stay below. */
        maxPoints?: number;
        /**
         * One PromQL query per pattern id returning one series of requests per
         * second; `$namespace`, `$workload` (the Deployment) and `$cluster` are
         * filled in. `{ query, counter: true }` for a request counter.
         */
        queries?: {
          [pattern: string]: string | { query: string; counter?: boolean };
        };
      };
    };
    /**
     * GPU prices for the cost figures (GPU-hours are shown without them).
     * Off by default; see docs/economics.md for the model.
     */
    costs?: {
      /** Show costs and savings in money (default false). */
      enabled?: boolean;
      /** ISO 4217 code of the prices (default `USD`). */
      currency?: string;
      /**
       * Price of one whole-GPU-hour per GPU product (as GPU Feature Discovery
       * labels it, e.g. `NVIDIA-H100-80GB-HBM3`; matched case-insensitively)
       * and capacity type. No built-in prices: a product without a price
       * shows "no price", never a guessed amount.
       */
      gpuHourPrices?: {
        [product: string]: { onDemand?: number; spot?: number };
      };
      /** Longest traffic range a replay accepts, days (default 7, at most 31). */
      maxReplayDays?: number;
      /** Largest share of gap steps a replay accepts, percent (default 10). */
      maxGapPercent?: number;
      /** Step of recorded traffic and of Prometheus `query_range`, seconds (default 60). */
      stepSeconds?: number;
    };
    /** Recorded workload history (replicas, autoscaler metrics, Triton), stored in the plugin's database. */
    history?: {
      /** Minutes of history kept and shown (default 60); older points are deleted every round. */
      retentionMinutes?: number;
    };
    /** Namespaces to watch in every cluster; empty or unset watches all namespaces. */
    namespaces?: string[];
    /**
     * Bounds on which cluster namespaces an entity may select with its
     * `backstage.io/kubernetes-namespace` annotation. An entity matches a rule
     * when every field the rule sets matches (its catalog namespace, its
     * `spec.owner`), and may select the union of the matching rules'
     * `clusterNamespaces`; with rules set, an entity no rule matches selects
     * nothing. Unset: any namespace (every entity still needs a namespace and
     * a `key=value` selector term).
     */
    entityNamespaces?: Array<{
      /** Catalog namespace of the entities this rule is for, e.g. `default`. */
      catalogNamespace?: string;
      /** Owner of the entities this rule is for, e.g. `group:default/team-nlp` (kind defaults to group). */
      owner?: string;
      /** Cluster namespaces they may select: names, or prefixes ending in `*` (`team-nlp-*`). */
      clusterNamespaces: string[];
    }>;
    /** Deadline of each list and discovery request, in milliseconds (default 10000). */
    requestTimeoutMs?: number;
    watch?: {
      /** Exponential backoff between failed list/watch attempts. */
      backoff?: {
        /** First delay in ms (default 1000). */
        initialMs?: number;
        /** Longest delay in ms (default 30000). */
        maxMs?: number;
        /** Growth per failure (default 2). */
        factor?: number;
      };
      /** Server-side watch timeout before the stream is resumed (default 300). */
      timeoutSeconds?: number;
      /**
       * Objects per list page when (re)listing a kind (the API server's
       * `limit`, 10–10000, default 500). Larger pages mean fewer round trips
       * on a large cluster; each page must arrive within `listTimeoutMs`.
       */
      pageSize?: number;
      /** Deadline of each list page request in ms (default: `requestTimeoutMs`). */
      listTimeoutMs?: number;
    };
    /** Collection of Triton Inference Server figures from model-service pods. */
    triton?: {
      /** Default true. */
      enabled?: boolean;
      /** Seconds between two collection rounds (Triton samples and history points; default 15). */
      intervalSeconds?: number;
      /** Requests in flight at once per cluster (default 8). */
      concurrency?: number;
      /** Deadline of each request to a pod, in ms (default 3000). */
      timeoutMs?: number;
      /** Model configs are read again every this many samples (default 20). */
      configRefreshIntervals?: number;
      /** Models read per pod at most; more are reported as the pod's error (default 32). */
      maxModelsPerPod?: number;
      /** A `/metrics` document (or Prometheus answer) with more series is refused unparsed (default 20000). */
      maxSeriesPerDocument?: number;
      /** A pod's error text in the status is cut to this many characters (default 1000). */
      maxErrorChars?: number;
      /**
       * Deadline of each cluster's part of a collection round, in ms; pods not
       * done by then get an error, so a hung cluster never delays the others
       * (default: intervalSeconds, at least two timeoutMs, at most half of
       * taskTimeoutSeconds).
       */
      roundDeadlineMs?: number;
      /**
       * Lock timeout of the fleet-wide collection task: when the replica that
       * collects dies during a round, another takes over after at most this
       * long plus the scheduler's one-minute janitor (default 60).
       */
      taskTimeoutSeconds?: number;
      /**
       * Run the collector in a worker thread (default true): its pod-proxy and
       * Prometheus requests, the parsing of what Triton answers and the
       * garbage of both stay off the event loop that serves the API. Where a
       * worker cannot load the plugin's TypeScript sources (under Jest) it
       * runs on the event loop.
       */
      workerThread?: boolean;
      /**
       * Read Triton's counters from Prometheus instead of each pod's /metrics.
       * Stats (batch sizes) and configs are still read through the pod proxy.
       */
      prometheus?: {
        /** Base URL, e.g. http://prometheus.monitoring:9090 */
        url: string;
        /** Label holding the pod name (default `pod`). */
        podLabel?: string;
        /** Label holding the namespace (default `namespace`). */
        namespaceLabel?: string;
        /** When one Prometheus serves several clusters: the label holding the cluster name. */
        clusterLabel?: string;
      };
    };
  };
}
