import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

/*
 * recharts' ResponsiveContainer measures its parent, which jsdom reports as
 * 0×0, and then draws nothing. Give chart containers a size and a no-op
 * ResizeObserver so the charts render their SVG in component tests.
 */
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
if (!('ResizeObserver' in globalThis)) {
  (globalThis as any).ResizeObserver = ResizeObserverStub;
}

const originalRect = HTMLElement.prototype.getBoundingClientRect;
HTMLElement.prototype.getBoundingClientRect = function getBoundingClientRect(
  this: HTMLElement,
) {
  if (this.classList.contains('recharts-responsive-container')) {
    return {
      width: 640,
      height: 240,
      top: 0,
      left: 0,
      right: 640,
      bottom: 240,
      x: 0,
      y: 0,
      toJSON: () => ({}),
    } as DOMRect;
  }
  return originalRect.call(this);
};

// Full app renders on a shared 2-core machine can exceed jest's 5 s default.
jest.setTimeout(30_000);

// Whole-tab renders (several cards and charts) take more than the default
// 1 s to settle on a busy machine.
configure({ asyncUtilTimeout: 10_000 });
