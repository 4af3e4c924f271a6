/** Small migration folders for in-process tests. */
export const THREE = {
  '001_initial.sql': '-- migrate:up\nCREATE TABLE a (id INTEGER);\n-- migrate:down\nDROP TABLE a;\n',
  '002_more.sql': '-- migrate:up\nCREATE TABLE b (id INTEGER);\n-- migrate:down\nDROP TABLE b;\n',
  '003_code.ts': 'export function up() {}\nexport function down() {}\n',
  'README.md': '# Migrations',
} as const;
