import { Command, CommanderError } from 'commander';
import { CliError } from './CliError';
import { CliIo, processIo } from './io';
import { lintCommand } from './commands/lint';
import { renderCommand } from './commands/render';
import { simulateCommand } from './commands/simulate';
import { adviseBatchingCommand } from './commands/adviseBatching';
import { costCommand } from './commands/cost';

/** Builds the `model-scaling` program; each action stores its exit code in `result.code`. */
export function createProgram(io: CliIo, result: { code: number }): Command {
  const program = new Command('model-scaling')
    .description(
      'Check, render and simulate the scaling of ML model services on Kubernetes.',
    )
    .showHelpAfterError()
    .configureOutput({
      writeOut: text => io.stdout(text),
      writeErr: text => io.stderr(text),
    })
    .exitOverride();

  program
    .command('lint')
    .description(
      'Lint the Kubernetes manifests and Triton config.pbtxt files of a model service repository. Exits 1 when a finding is an error.',
    )
    .argument(
      '[paths...]',
      'directories (searched recursively) or files; default: the current directory',
    )
    .option('--format <format>', 'text or json', 'text')
    .option(
      '--pattern <id>',
      'pattern of Deployments without the model-scaling.io/pattern annotation',
    )
    .option(
      '--slo-ms <ms>',
      'latency SLO of Deployments without the model-scaling.io/latency-slo-ms annotation',
    )
    .option(
      '--drift',
      'also report differences from the golden-path presets (info)',
    )
    .option(
      '--config <app-config.yaml>',
      'read modelScaling.patterns presets from this app-config (implies --drift)',
    )
    .action(async (paths: string[], options) => {
      result.code = await lintCommand(paths, options, io);
    });

  program
    .command('render')
    .description(
      'Render a plan, or template answers planned with the golden-path presets, into k8s/*.yaml, model_repository/<model>/config.pbtxt and plan.json.',
    )
    .argument(
      '<plan.json>',
      'a ModelServicePlan or ModelServiceAnswers as JSON',
    )
    .argument('<outdir>', 'directory to write the files into')
    .option(
      '--config <app-config.yaml>',
      'read modelScaling.patterns presets from this app-config',
    )
    .action(async (input: string, outdir: string, options) => {
      result.code = await renderCommand(input, outdir, options, io);
    });

  program
    .command('simulate')
    .description(
      'Simulate the autoscaler (HPA algorithm, KEDA activation, cooldown and fallback) of a plan or of manifests against a load curve.',
    )
    .option('--plan <json>', 'a plan or answers JSON')
    .option('--manifests <dir>', 'a directory of manifests')
    .option(
      '--deployment <name>',
      'which Deployment, when the manifests hold several',
    )
    .option(
      '--load <csv>',
      'load curve: lines of "t,rps" (seconds, requests per second)',
    )
    .option('--format <format>', 'json or csv', 'json')
    .option(
      '--rps-per-pod <n>',
      'per-pod load at the CPU target (a CPU target needs this or --max-rps-per-pod)',
    )
    .option(
      '--max-rps-per-pod <n>',
      'what one pod serves at most (required for queue triggers; default the what-if’s 100)',
    )
    .option(
      '--service-time-ms <ms>',
      'request time at low load, for the latency estimate',
    )
    .option(
      '--cold-start <seconds>',
      'pod creation to Ready (default: the plan’s cold-start budget or estimate, else 30)',
    )
    .action(async options => {
      result.code = await simulateCommand(options, io);
    });

  program
    .command('advise-batching')
    .description(
      'Recommend Triton preferred_batch_size and max_queue_delay_microseconds for a model from its measured batch profile.',
    )
    .option(
      '--profile <json>',
      'batch profile file (the shape of batch-profile-h200.json; default: the built-in H200 profiles)',
    )
    .option('--model <name>', 'model in the profile, e.g. resnet50-224')
    .option('--rate <req/s>', 'total request rate')
    .option('--slo-ms <ms>', 'p99 latency objective in milliseconds')
    .option(
      '--max-batch-size <n>',
      'the model’s max_batch_size (default: the largest profiled batch)',
    )
    .action(async options => {
      result.code = await adviseBatchingCommand(options, io);
    });

  program
    .command('cost')
    .description(
      'Replay recorded traffic through a plan’s autoscaler: GPU-hours and cost per day, and what each capacity change would save (or the SLO it would break).',
    )
    .option('--plan <json>', 'a plan or answers JSON')
    .option(
      '--traffic <file>',
      'recorded traffic: CSV "timestamp,rps" (epoch seconds or ISO 8601), or JSON (a traffic series, [{timestamp, rps}], or a Prometheus query_range answer)',
    )
    .option(
      '--config <app-config.yaml>',
      'read modelScaling.costs (prices) and modelScaling.patterns from this app-config',
    )
    .option(
      '--price <per-gpu-hour>',
      'on-demand price of one GPU-hour of the plan’s GPU product (turns costs on)',
    )
    .option(
      '--spot-price <per-gpu-hour>',
      'spot price of one GPU-hour of the plan’s GPU product',
    )
    .option(
      '--currency <code>',
      'ISO 4217 currency of the prices (default USD)',
    )
    .option(
      '--product <name>',
      'GPU product, when the plan names none (e.g. NVIDIA-L4)',
    )
    .option('--shared-by <n>', 'time-slicing or MPS replicas per physical GPU')
    .option('--spot', 'the pods run on spot capacity')
    .option(
      '--max-rps-per-pod <n>',
      'what one pod serves (default 1.5 × the prometheus threshold; required for queue triggers)',
    )
    .option('--rps-per-pod <n>', 'per-pod load at the HPA target (HPA plans)')
    .option(
      '--service-time-ms <ms>',
      'request time at low load, so the latency SLO is checked, not only unserved requests',
    )
    .option(
      '--cold-start <seconds>',
      'pod creation to Ready (default: the plan’s cold-start budget or estimate)',
    )
    .option(
      '--batching-max-rps-per-pod <n>',
      'also replay dynamic batching that lets a pod serve this many req/s',
    )
    .option('--step <seconds>', 'resample the traffic to this step')
    .option('--format <format>', 'text or json', 'text')
    .option('--json', 'same as --format json')
    .action(async options => {
      result.code = await costCommand(options, io);
    });

  return program;
}

/**
 * Runs the CLI with `argv` (as `process.argv`) and returns the exit code:
 * 0 success, 1 lint errors found, 2 bad input or usage.
 */
export async function main(
  argv: string[],
  io: CliIo = processIo(),
): Promise<number> {
  const result = { code: 0 };
  const program = createProgram(io, result);
  try {
    await program.parseAsync(argv);
    return result.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version print and exit 0; usage errors are bad input.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof CliError) {
      io.stderr(`model-scaling: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
}
