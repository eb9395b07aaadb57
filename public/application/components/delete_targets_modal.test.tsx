/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithEui } from '../../../test/harness/render_eui';
import { DeleteTargetsModal, NAMES_SHOWN, type SomeTargets } from './delete_targets_modal';

const named = (...names: string[]) => names.map((name) => ({ name })) as unknown as SomeTargets;

function renderModal(targets: SomeTargets, isDeleting = false) {
  const onCancel = jest.fn();
  const onConfirm = jest.fn();
  renderWithEui(
    <DeleteTargetsModal
      targets={targets}
      isDeleting={isDeleting}
      onCancel={onCancel}
      onConfirm={onConfirm}
    />
  );
  return { onCancel, onConfirm, modal: screen.getByTestId('goRuntimeDeleteTargetsModal') };
}

describe('DeleteTargetsModal', () => {
  it('names the one target, says its documents stay, and deletes on confirm', async () => {
    const { modal, onConfirm, onCancel } = renderModal(named('orders-1'));
    expect(within(modal).getByRole('heading')).toHaveTextContent('Delete target orders-1?');
    expect(screen.getByTestId('goRuntimeDeleteTargetsDataStays')).toHaveTextContent(
      'The documents already collected from this target stay in Elasticsearch.'
    );
    expect(screen.queryByTestId('goRuntimeDeleteTargetsNames')).toBeNull();
    const confirm = screen.getByTestId('confirmModalConfirmButton');
    expect(confirm).toHaveTextContent(/^Delete target$/);
    await userEvent.click(confirm);
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(onCancel).not.toHaveBeenCalled();
  });

  it('starts with the focus on Cancel, so Enter deletes nothing', async () => {
    const { onConfirm, onCancel } = renderModal(named('orders-1'));
    const cancel = screen.getByTestId('confirmModalCancelButton');
    // EUI moves the focus when the modal's focus trap activates, just after mounting.
    await waitFor(() => expect(cancel).toHaveFocus());
    await userEvent.keyboard('{Enter}');
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('counts many targets, lists the first few names and how many more', () => {
    const names = Array.from({ length: NAMES_SHOWN + 3 }, (_, i) => `svc-${i}`);
    const { modal } = renderModal(named(...names));
    expect(within(modal).getByRole('heading')).toHaveTextContent('Delete 8 targets?');
    const items = within(screen.getByTestId('goRuntimeDeleteTargetsNames'))
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(items).toEqual([...names.slice(0, NAMES_SHOWN), 'and 3 others']);
    expect(screen.getByTestId('confirmModalConfirmButton')).toHaveTextContent('Delete 8 targets');
    expect(screen.getByTestId('goRuntimeDeleteTargetsDataStays')).toHaveTextContent(
      'The documents already collected from these targets stay in Elasticsearch.'
    );
  });

  it('lists every name when there are only a few, with no "others" line', () => {
    renderModal(named('a', 'b'));
    const items = within(screen.getByTestId('goRuntimeDeleteTargetsNames')).getAllByRole(
      'listitem'
    );
    expect(items.map((item) => item.textContent)).toEqual(['a', 'b']);
  });

  it('shows the deletion running on its confirm button and does not confirm twice', async () => {
    const { onConfirm } = renderModal(named('a', 'b'), true);
    const confirm = screen.getByTestId('confirmModalConfirmButton');
    expect(confirm).toBeDisabled();
    await userEvent.click(confirm);
    expect(onConfirm).not.toHaveBeenCalled();
  });
});
