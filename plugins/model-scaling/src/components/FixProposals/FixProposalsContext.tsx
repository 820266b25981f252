import { useApiHolder } from '@backstage/core-plugin-api';
import {
  ScaffolderApi,
  scaffolderApiRef,
} from '@backstage/plugin-scaffolder-react';
import {
  ReactNode,
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import {
  Finding,
  FixIntent,
  PatternId,
  fixIntentForFinding,
} from '@internal/plugin-model-scaling-common';
import { usePatternPresets } from '../../hooks/usePatternPresets';
import { FixProposal, listFixProposals } from './listFixProposals';

/** A finding the tab computed itself (batching advice) with the fix it carries. */
export interface FindingWithFix {
  finding: Pick<Finding, 'id' | 'subject'>;
  fix: FixIntent;
}

function findingKey(finding: Pick<Finding, 'id' | 'subject'>): string {
  return `${finding.id}|${finding.subject ?? ''}`;
}

/** The changes proposed for the entity on screen, shared by its "Propose this fix" buttons. */
export interface FixProposalsState {
  entityRef: string;
  /** The app's scaffolder, which runs "Apply scaling fixes". */
  scaffolderApi: ScaffolderApi;
  proposals: FixProposal[];
  /** Why the proposals could not be read (the buttons still work). */
  error?: Error;
  /** Reads the proposals again (after a new one). */
  reload(): void;
  /** Adds a proposal just made, before the task list has it. */
  add(proposal: FixProposal): void;
  /** The fix a finding carries, when it is a change of the service's files. */
  fixFor(finding: Pick<Finding, 'id' | 'subject'>): FixIntent | undefined;
}

/** Props of {@link FixProposalsProvider}. */
export interface FixProposalsProviderProps {
  entityRef: string;
  /** The service's pattern and SLO, which decide the fix of a finding. */
  pattern?: PatternId;
  latencySloMs?: number;
  /** Findings computed in the tab (batching advice) with their fixes. */
  findingFixes?: FindingWithFix[];
  children?: ReactNode;
}

const FixProposalsContext = createContext<FixProposalsState | undefined>(
  undefined,
);

/**
 * Reads, once per entity, the changes already proposed for it (from the
 * scaffolder's task list) and offers them, with the entity, to the
 * "Propose this fix" buttons below. In an app without the scaffolder there
 * is nothing to propose with, and the buttons do not show.
 */
export function FixProposalsProvider(props: FixProposalsProviderProps) {
  const scaffolderApi = useApiHolder().get(scaffolderApiRef);
  if (!scaffolderApi) {
    return <>{props.children}</>;
  }
  return <WithScaffolder {...props} scaffolderApi={scaffolderApi} />;
}

function WithScaffolder(
  props: FixProposalsProviderProps & { scaffolderApi: ScaffolderApi },
) {
  const {
    entityRef,
    scaffolderApi,
    pattern,
    latencySloMs,
    findingFixes,
    children,
  } = props;
  const presets = usePatternPresets();
  const [proposals, setProposals] = useState<FixProposal[]>([]);
  const [error, setError] = useState<Error>();
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    listFixProposals(scaffolderApi, entityRef, { signal: controller.signal })
      .then(list => {
        if (!controller.signal.aborted) {
          setProposals(list);
          setError(undefined);
        }
      })
      .catch(e => {
        if (!controller.signal.aborted) setError(e as Error);
      });
    return () => controller.abort();
  }, [scaffolderApi, entityRef, generation]);

  const reload = useCallback(() => setGeneration(g => g + 1), []);
  const add = useCallback(
    (proposal: FixProposal) =>
      setProposals(list => [
        proposal,
        ...list.filter(p => p.taskId !== proposal.taskId),
      ]),
    [],
  );
  const fixFor = useCallback(
    (finding: Pick<Finding, 'id' | 'subject'>) => {
      const own = findingFixes?.find(
        f => findingKey(f.finding) === findingKey(finding),
      );
      return (
        own?.fix ??
        fixIntentForFinding(finding, { pattern, presets, latencySloMs })
      );
    },
    [findingFixes, pattern, presets, latencySloMs],
  );
  const value = useMemo(
    () => ({
      entityRef,
      scaffolderApi,
      proposals,
      error,
      reload,
      add,
      fixFor,
    }),
    [entityRef, scaffolderApi, proposals, error, reload, add, fixFor],
  );
  return (
    <FixProposalsContext.Provider value={value}>
      {children}
    </FixProposalsContext.Provider>
  );
}

/** The proposals of the entity on screen; undefined outside a {@link FixProposalsProvider}. */
export function useFixProposals(): FixProposalsState | undefined {
  return useContext(FixProposalsContext);
}
