/**
 * Scaffolder actions of the "Create new model service" golden path of Model
 * Scaling for Backstage.
 *
 * @packageDocumentation
 */

export { scaffolderModuleModelService as default } from './module';
export { catalogModuleModelServiceLocalLocations } from './catalogModule';
export {
  createPlanCreateAction,
  PLAN_CREATE_ACTION_ID,
  type PlanCreateActionOptions,
} from './actions/planCreate';
export {
  createClusterApplyAction,
  CLUSTER_APPLY_ACTION_ID,
  type ClusterApplyActionOptions,
} from './actions/clusterApply';
export {
  createRepoPublishLocalAction,
  REPO_PUBLISH_LOCAL_ACTION_ID,
  type RepoPublishLocalActionOptions,
} from './actions/repoPublishLocal';
export {
  readLocalPublish,
  readModelServiceScaffolderConfig,
  type LocalPublishOptions,
  type ModelServiceScaffolderOptions,
  type ReadScaffolderConfigOptions,
} from './config';
