// @ts-check

/**
 * Shared state of the fleet-wide collector: what the replica holding the
 * collection task writes, and every replica reads.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('model_scaling_collector_rounds', table => {
    table.comment('One row per collection task: its latest finished round');
    table.string('task', 64).primary().notNullable();
    table
      .bigInteger('round')
      .notNullable()
      .comment('Increases by one per finished round');
    table
      .bigInteger('finished_at_ms')
      .notNullable()
      .comment('When the round finished (epoch ms)');
    table
      .string('instance', 128)
      .notNullable()
      .comment('The backend instance that ran the round');
  });

  await knex.schema.createTable('model_scaling_triton_pods', table => {
    table.comment('Latest Triton sample and figures per pod');
    table.string('pod_key', 760).primary().notNullable();
    table.string('workload', 760).notNullable().index();
    table
      .text('result_json')
      .notNullable()
      .comment('The figures and error every replica serves');
    table
      .text('state_json', 'mediumtext')
      .notNullable()
      .comment('The raw samples the next rates are computed from');
    table
      .bigInteger('round')
      .notNullable()
      .comment('Round that last wrote the row; older rows are pods gone');
  });

  await knex.schema.createTable('model_scaling_workload_history', table => {
    table.comment('One point per workload and round, kept for the retention');
    table.string('workload', 760).notNullable();
    table
      .bigInteger('t_ms')
      .notNullable()
      .comment('Time of the round (epoch ms)');
    table.text('point_json').notNullable();
    table.primary(['workload', 't_ms']);
    table.index(['t_ms'], 'model_scaling_workload_history_t_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('model_scaling_workload_history');
  await knex.schema.dropTable('model_scaling_triton_pods');
  await knex.schema.dropTable('model_scaling_collector_rounds');
};
