/**
 * A rolldown plugin that turns the bundle's static `import { a, b as c } from 'node:x'` statements
 * into `const { a, b: c } = process.getBuiltinModule('node:x')`. An ESM import of a builtin builds a
 * facade that reads every export, lazy getters included (node:fs's `ReadStream` loads all of
 * streams, `promises` all of fs/promises): ~5 ms of the CLI's start-up for names it never uses.
 * Only the imported names are read. Dynamic `import('node:x')` calls are left alone.
 */
import type { Plugin } from 'rolldown';

// rolldown prints each external import on one line: `import <clause> from "node:<name>";`.
const IMPORT = /^import (.+) from "(node:[\w/]+)";$/gm;
const NAMED = /^\{([^}]*)\}$/;
const NAMESPACE = /^\* as ([\w$]+)$/;
const IDENTIFIER = /^[\w$]+$/;

/** The destructuring pattern for `{ a, b as c }`: `{ a, b: c }`. */
function pattern(names: string): string {
  const bindings = names
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .map((name) => {
      const [imported, local] = name.split(/\s+as\s+/);
      if (imported === undefined || !IDENTIFIER.test(imported) || (local && !IDENTIFIER.test(local)))
        throw new Error(`builtinImports: cannot rewrite import of ${name}`);
      return local === undefined ? imported : `${imported}: ${local}`;
    });
  return `{ ${bindings.join(', ')} }`;
}

/**
 * Rewrites one import statement's clause (`{ ... }`, `* as ns`, `def` or `def, { ... }`).
 *
 * @example
 * rewriteImport('{ join, resolve as r }', 'node:path'); // 'const { join, resolve: r } = process.getBuiltinModule("node:path");'
 */
export function rewriteImport(clause: string, specifier: string): string {
  const module = `process.getBuiltinModule(${JSON.stringify(specifier)})`;
  const named = NAMED.exec(clause);
  if (named !== null) return `const ${pattern(named[1] ?? '')} = ${module};`;
  const namespace = NAMESPACE.exec(clause)?.[1];
  // A builtin's default export is its exports object, the same one getBuiltinModule returns.
  const local = namespace ?? (IDENTIFIER.test(clause) ? clause : undefined);
  if (local !== undefined) return `const ${local} = ${module};`;
  const split = /^([\w$]+),\s*(\{[^}]*\})$/.exec(clause);
  if (split?.[1] !== undefined && split[2] !== undefined) {
    return `const ${split[1]} = ${module};\nconst ${pattern(split[2].slice(1, -1))} = ${split[1]};`;
  }
  throw new Error(`builtinImports: cannot rewrite import ${clause} from ${specifier}`);
}

/** The plugin: applied to every output chunk. */
export function builtinImports(): Plugin {
  return {
    name: 'gao-db:builtin-imports',
    renderChunk(code) {
      return {
        code: code.replace(IMPORT, (_line, clause: string, specifier: string) =>
          rewriteImport(clause, specifier),
        ),
        map: null,
      };
    },
  };
}
