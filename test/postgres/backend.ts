/*
 * A minimal production-shaped backend for the PostgreSQL tier: the catalog and
 * the model-scaling plugin on the database and clusters of its --config files.
 * The tier starts two of these against one PostgreSQL server.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@internal/plugin-model-scaling-backend'));
backend.start();
