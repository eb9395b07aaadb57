/**
 * Whether a function is the program's rather than Go's standard library: the main package, or a
 * package path whose first element has a dot (a module path, like github.com/...).
 */
export function isProgramCode(name: string): boolean {
  const firstElement = name.split('/')[0]!;
  if (name.includes('/')) return firstElement.includes('.');
  return name.startsWith('main.');
}
