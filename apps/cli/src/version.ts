/** The gao-db version, kept in step with package.json by a test. */
export const version = '0.0.0';
