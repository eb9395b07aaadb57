// Component tests run in jsdom (a `@jest-environment jsdom` docblock); EUI asks it for browser
// APIs that jsdom does not implement. Every other unit test runs in node and skips all of this.
if (typeof window !== 'undefined') {
  // EUI's breakpoint hooks and reduced-motion checks query media features; none match here.
  window.matchMedia ??= (query: string): MediaQueryList => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  });
  // EUI measures resizable parts (text truncation, flyouts) through ResizeObserver.
  window.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}
