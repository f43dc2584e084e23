import { runChecks } from './check.js';

runChecks().then((result) => {
  window.bundlerResult = result;
});
