/* Jest config of the real-Triton tests (see ../jest.tier.js). */
const { tierJestConfig } = require('../jest.tier');

module.exports = tierJestConfig(__dirname);
