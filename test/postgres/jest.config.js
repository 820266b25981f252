/* Jest config of the PostgreSQL tier (see ../jest.tier.js). */
const { tierJestConfig } = require('../jest.tier');

module.exports = tierJestConfig(__dirname);
