/** `Notes on the Analytical Engine` -> `notes-on-the-analytical-engine`. */
export function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
