/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen } from '@testing-library/react';
import { renderWithEui } from '../../../test/harness/render_eui';
import { HeapFlameGraph } from './profile_panels';

jest.setTimeout(60_000);

const profile = {
  functions: [{ function: 'main.main', file: '/app/main.go', line: 10 }],
  // Allocated, never in use: [alloc_objects, alloc_space, inuse_objects, inuse_space].
  stacks: [{ frames: [0], values: [3, 4096, 0, 0] }],
};

describe('HeapFlameGraph', () => {
  it('says there is nothing to draw for a sample type the profile holds none of', () => {
    renderWithEui(<HeapFlameGraph profile={profile} type="inuse_space" />);
    expect(screen.getByTestId('goRuntimeFlameEmpty')).toHaveTextContent(
      'This profile holds no in-use bytes: there is no flame graph to draw.'
    );
    expect(screen.queryByTestId('goRuntimeFlameGraph')).toBeNull();
  });
});
