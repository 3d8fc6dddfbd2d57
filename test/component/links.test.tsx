// The Links section: link by number as the search reads it (clear errors), Enter anywhere, mirrored, named on the timeline, unlink.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderDesk } from './support/render-desk';

describe('links section', { timeout: 15_000 }, () => {
  it('links a child to its major incident, shows it on both sides, opens it and unlinks', async () => {
    const { user, seed, openSeeded } = await renderDesk();
    const major = await seed({ title: 'Campus power outage' });
    const child = await openSeeded({ title: 'Ward 3 lights out' });
    const section = screen.getByRole('region', { name: 'Links' });
    expect(await within(section).findByText('No linked incidents.')).toBeInTheDocument();

    await user.type(within(section).getByLabelText('Incident number to link'), major.number.toLowerCase());
    await user.selectOptions(within(section).getByLabelText("It is this incident's"), 'Parent');
    await user.click(within(section).getByRole('button', { name: 'Link incident' }));
    const list = await within(section).findByRole('list', { name: 'Linked incidents' });
    expect(within(list).getByText('Parent')).toBeInTheDocument();

    await user.click(within(list).getByRole('button', { name: `${major.number} Campus power outage` }));
    await screen.findByRole('article', { name: 'Campus power outage' });
    const majorLinks = screen.getByRole('region', { name: 'Links' });
    const mirrored = await within(majorLinks).findByRole('list', { name: 'Linked incidents' });
    expect(within(mirrored).getByText('Child')).toBeInTheDocument();
    expect(within(mirrored).getByRole('button', { name: `${child.number} Ward 3 lights out` })).toBeInTheDocument();

    await user.click(within(mirrored).getByRole('button', { name: `Unlink ${child.number}` }));
    await waitFor(() => expect(within(majorLinks).getByText('No linked incidents.')).toBeInTheDocument());
  });

  it('says clearly when the number is unknown or is the incident itself', async () => {
    const { user, openSeeded } = await renderDesk();
    const self = await openSeeded({ title: 'UPS alarm' });
    const section = screen.getByRole('region', { name: 'Links' });
    const input = within(section).getByLabelText('Incident number to link');
    await user.type(input, 'ZZZZ-0042');
    await user.click(within(section).getByRole('button', { name: 'Link incident' }));
    expect(await within(section).findByRole('alert')).toHaveTextContent('No incident numbered ZZZZ-0042 is on this computer');
    expect(input).toHaveAttribute('aria-invalid', 'true');

    await user.clear(input);
    await user.type(input, self.number);
    await user.click(within(section).getByRole('button', { name: 'Link incident' }));
    await waitFor(() => expect(within(section).getByRole('alert')).toHaveTextContent('cannot be linked to itself'));
  });

  it('links with Enter pressed on the relation, as in any form, and the timeline names the linked incident', async () => {
    const { user, seed, openSeeded } = await renderDesk();
    const major = await seed({ title: 'Campus power outage' });
    await openSeeded({ title: 'Ward 3 lights out' });
    const section = screen.getByRole('region', { name: 'Links' });
    await user.type(within(section).getByLabelText('Incident number to link'), major.number);
    await user.tab();
    expect(within(section).getByLabelText("It is this incident's")).toHaveFocus();
    await user.keyboard('{Enter}');
    const list = await within(section).findByRole('list', { name: 'Linked incidents' });
    expect(within(list).getByRole('button', { name: `${major.number} Campus power outage` })).toBeInTheDocument();
    expect(within(section).getByLabelText('Incident number to link')).toHaveValue('');
    const timeline = screen.getByRole('list', { name: 'Timeline' });
    expect(await within(timeline).findByText(`Linked ${major.number} (related)`)).toBeInTheDocument();
    expect(within(timeline).queryByText(major.id, { exact: false })).toBeNull();
  });

  it('takes a number as the list search does: digits alone or the prefix and unpadded digits', async () => {
    const { user, seed, openSeeded } = await renderDesk();
    const major = await seed({ title: 'Campus power outage' });
    await openSeeded({ title: 'Ward 3 lights out' });
    const other = await seed({ title: 'Lift 3 stuck' });
    const section = screen.getByRole('region', { name: 'Links' });
    const input = within(section).getByLabelText('Incident number to link');
    const [prefix, digits] = major.number.split('-') as [string, string];
    await user.type(input, `${digits}{Enter}`);
    const list = await within(section).findByRole('list', { name: 'Linked incidents' });
    expect(await within(list).findByRole('button', { name: `${major.number} Campus power outage` })).toBeInTheDocument();
    await user.type(input, `${prefix.toLowerCase()} ${Number(other.number.split('-')[1])}{Enter}`);
    expect(await within(list).findByRole('button', { name: `${other.number} Lift 3 stuck` })).toBeInTheDocument();
    expect(within(section).queryByRole('alert')).toBeNull();
  });

  it('after a refused number, keeps it selected so the next one typed replaces it', async () => {
    const { user, seed, openSeeded } = await renderDesk();
    const major = await seed({ title: 'Campus power outage' });
    await openSeeded({ title: 'Ward 3 lights out' });
    const section = screen.getByRole('region', { name: 'Links' });
    const input = within(section).getByLabelText('Incident number to link');
    await user.type(input, 'ZZZZ-0042');
    await user.click(within(section).getByRole('button', { name: 'Link incident' }));
    expect(await within(section).findByRole('alert')).toHaveTextContent('No incident numbered ZZZZ-0042 is on this computer');
    expect(input).toHaveFocus();
    expect(input).toHaveValue('ZZZZ-0042');
    await user.keyboard(`${major.number}{Enter}`);
    expect(input).toHaveValue(major.number);
    const list = await within(section).findByRole('list', { name: 'Linked incidents' });
    expect(within(list).getByRole('button', { name: `${major.number} Campus power outage` })).toBeInTheDocument();
  });
});
