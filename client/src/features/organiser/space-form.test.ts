import { describe, expect, it } from 'vitest';
import { emptySpaceForm, formToSpace, spaceToForm, type SpaceForm } from './space-form';

function filled(): SpaceForm {
  const form = emptySpaceForm('en');
  return {
    ...form,
    slug: 'water-2027',
    title: { en: 'Water', fr: 'Eau', de: 'ignored: not offered' },
    languages: ['en', 'fr'],
    phases: [
      {
        ...form.phases[0]!,
        name: { en: 'Consultation' },
        opens: '2027-03-01T09:00',
        closes: '2027-03-31T18:00',
        timeZone: 'Europe/Paris',
      },
    ],
  };
}

describe('the space form', () => {
  it('gives a valid space with UTC instants and only the offered languages', () => {
    const result = formToSpace(filled(), null, []);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.space.title).toEqual({ en: 'Water', fr: 'Eau' });
    expect(result.space.phases[0]).toMatchObject({
      opensAt: '2027-03-01T08:00:00.000Z',
      closesAt: '2027-03-31T16:00:00.000Z',
      timeZone: 'Europe/Paris',
    });
    expect(result.space.contactEmail).toBeNull();
  });

  it('maps each problem to the field and a catalogue message', () => {
    const form = filled();
    const result = formToSpace(
      {
        ...form,
        slug: 'Not A Slug',
        title: { fr: 'Eau' },
        contactEmail: 'nobody',
        phases: [{ ...form.phases[0]!, closes: '2027-02-01T09:00', timeZone: 'Mars/Olympus' }],
      },
      null,
      [],
    );
    expect(result).toEqual({
      ok: false,
      problems: {
        slug: 'organiser.error.slug',
        title: 'organiser.error.required',
        contactEmail: 'organiser.error.email',
        'phases.0.timeZone': 'organiser.error.timeZone',
        'phases.0.closes': 'organiser.error.order',
      },
    });
  });

  it('refuses a web address another space uses', () => {
    expect(formToSpace(filled(), null, ['water-2027'])).toMatchObject({
      ok: false,
      problems: { slug: 'organiser.error.slugTaken' },
    });
  });

  it("carries the space's deletion policy both ways", () => {
    const result = formToSpace({ ...filled(), deletionPolicy: 'author-chooses' }, null, []);
    expect(result).toMatchObject({ ok: true, space: { deletionPolicy: 'author-chooses' } });
    if (result.ok) expect(spaceToForm(result.space).deletionPolicy).toBe('author-chooses');
    expect(emptySpaceForm('fr').deletionPolicy).toBe('keep');
  });
});
