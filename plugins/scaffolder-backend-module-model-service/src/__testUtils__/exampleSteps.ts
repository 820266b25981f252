import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import yaml from 'yaml';

/** One step of an action example. */
export interface ExampleStep {
  id: string;
  action: string;
  input: JsonObject;
}

/** The steps of an action example, as the portal shows them. */
export function exampleSteps(example: TemplateExample): ExampleStep[] {
  const parsed = yaml.parse(example.example) as { steps?: ExampleStep[] };
  if (!parsed?.steps?.length) {
    throw new Error(`Example "${example.description}" has no steps`);
  }
  return parsed.steps;
}
