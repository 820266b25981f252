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
import { FixProposal, listFixProposals } from './listFixProposals';

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
export function FixProposalsProvider(props: {
  entityRef: string;
  children?: ReactNode;
}) {
  const scaffolderApi = useApiHolder().get(scaffolderApiRef);
  if (!scaffolderApi) {
    return <>{props.children}</>;
  }
  return <WithScaffolder {...props} scaffolderApi={scaffolderApi} />;
}

function WithScaffolder(props: {
  entityRef: string;
  scaffolderApi: ScaffolderApi;
  children?: ReactNode;
}) {
  const { entityRef, scaffolderApi, children } = props;
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
  const value = useMemo(
    () => ({ entityRef, scaffolderApi, proposals, error, reload, add }),
    [entityRef, scaffolderApi, proposals, error, reload, add],
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
