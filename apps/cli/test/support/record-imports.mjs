// Preloaded with --import: records every module URL the process resolves and prints them to stderr
// at exit, so a test can prove which packages a command loads.
import module from 'node:module';

const urls = new Set();
module.registerHooks({
  resolve(specifier, context, nextResolve) {
    const result = nextResolve(specifier, context);
    urls.add(result.url);
    return result;
  },
});
process.on('exit', () => {
  process.stderr.write(`${JSON.stringify({ loaded: [...urls] })}\n`);
});
