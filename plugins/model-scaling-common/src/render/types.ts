/** A file rendered from a plan: its path in the service repository, its text and the objects it holds. */
export interface RenderedFile {
  /** Relative path, e.g. `k8s/deployment.yaml`. */
  path: string;
  content: string;
  /** The Kubernetes objects of a manifest, in document order; empty for other files. */
  objects: KubernetesObject[];
}

/** A Kubernetes object as plain data. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [key: string]: unknown;
}
