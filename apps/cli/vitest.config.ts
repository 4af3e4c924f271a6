import { packageTestConfig } from '@gao/tooling/vitest';

// The migration thread's entry runs on a worker thread, where coverage is not collected; its
// tests drive it through thread-run.ts (test/in-process/migration-thread.test.ts).
export default packageTestConfig({ coverageExclude: ['src/adapter/migrator-thread.ts'] });
