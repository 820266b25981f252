export {
  renderServiceRepository,
  SCALING_DOC_PATH,
  LOAD_TEST_SCRIPT_PATH,
} from './renderServiceRepository';
export type {
  RepositoryFile,
  ServiceRepository,
} from './renderServiceRepository';
