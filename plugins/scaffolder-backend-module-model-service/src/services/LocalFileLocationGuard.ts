import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { realPathUnder } from '../lib/realPathUnder';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  CatalogProcessorParser,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';

/** Characters that make a `file` target a glob pattern for the catalog's file reader. */
const GLOB_CHARACTERS = /[*?[\]{}()!]/;

/** Options of {@link LocalFileLocationGuard}. */
export interface LocalFileLocationGuardOptions {
  /** `modelScaling.scaffolder.localPublish.baseDir`, absolute; unset when local publishing is off. */
  baseDir?: string;
  /**
   * The `file` targets of `catalog.locations`, resolved against the working
   * directory: the platform team's own static locations, read as configured.
   */
  staticTargets: string[];
}

/**
 * A catalog processor that runs before the catalog's own file reader
 * (priority 10 < 20) and decides every `file` location:
 *
 * - a `file` target of `catalog.locations` (static platform config) is left
 *   to the built-in reader;
 * - any other `file` target must have no glob characters and its real path
 *   (symlinks and `..` resolved) must be under the local publisher's base
 *   directory; it is then read here, from that real path;
 * - everything else is refused with an error and never read, so registering
 *   a location (or a nested `Location` entity) cannot make the catalog read
 *   files of the backend host.
 */
export class LocalFileLocationGuard implements CatalogProcessor {
  private readonly staticTargets: Set<string>;

  constructor(private readonly options: LocalFileLocationGuardOptions) {
    this.staticTargets = new Set(
      options.staticTargets.map(t => resolvePath(t)),
    );
  }

  getProcessorName(): string {
    return 'ModelServiceLocalFileLocationGuard';
  }

  getPriority(): number {
    return 10;
  }

  async readLocation(
    location: LocationSpec,
    optional: boolean,
    emit: CatalogProcessorEmit,
    parser: CatalogProcessorParser,
  ): Promise<boolean> {
    if (location.type !== 'file') {
      return false;
    }
    if (this.staticTargets.has(resolvePath(location.target))) {
      return false;
    }
    const refuse = (why: string) => {
      emit(
        processingResult.inputError(
          location,
          `file location ${location.target} is not read: ${why}`,
        ),
      );
      return true;
    };
    const { baseDir } = this.options;
    if (!baseDir) {
      return refuse(
        'only the file locations of catalog.locations are read (local publishing is off)',
      );
    }
    if (GLOB_CHARACTERS.test(location.target)) {
      return refuse(
        'glob characters are not allowed in locally published locations',
      );
    }
    const where = await realPathUnder(baseDir, location.target);
    if (!where.inside && where.reason === 'missing') {
      if (!optional) {
        emit(
          processingResult.notFoundError(
            location,
            `file ${location.target} does not exist`,
          ),
        );
      }
      return true;
    }
    if (!where.inside) {
      return refuse(
        'its real path is not under modelScaling.scaffolder.localPublish.baseDir',
      );
    }
    const data = await readFile(where.realPath);
    for await (const result of parser({
      data,
      location: { type: 'file', target: location.target },
    })) {
      emit(result);
      emit(processingResult.refresh(`file:${location.target}`));
    }
    return true;
  }
}
