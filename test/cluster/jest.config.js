/* Jest config of the cluster tests (see ../jest.tier.js). */
const { tierJestConfig } = require('../jest.tier');

module.exports = tierJestConfig(__dirname, {
  // A backend started with startTestBackend in a test file can leave a scheduler timer
  // behind after stop(); the run must end when the tests have, never hang CI.
  forceExit: true,
});
