import { packageTestConfig } from '@gao/tooling/vitest';

export default packageTestConfig();
