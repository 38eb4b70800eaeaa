import { renderToStaticMarkup } from 'react-dom/server';
import { IntlProvider } from 'react-intl';
import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import { PhaseClosedNotice } from './question-phase';

const phase = (timeZone: string) => ({
  id: '0190a4b2-0000-7000-8000-000000000001',
  name: { en: 'Phase 1' },
  opensAt: '2026-11-01T08:00:00.000Z',
  closesAt: '2026-11-20T17:00:00.000Z',
  timeZone,
});

const render = (timeZone: string) =>
  renderToStaticMarkup(
    <IntlProvider locale="en" messages={en} timeZone="UTC">
      <PhaseClosedNotice phase={{ state: 'closed', phase: phase(timeZone) }} />
    </IntlProvider>,
  );

describe('PhaseClosedNotice', () => {
  it("names the closing time in the phase's own time zone, whatever the reader's", () => {
    expect(render('Africa/Nairobi')).toContain('November 20, 2026 at 8:00 PM GMT+3');
    expect(render('UTC')).toContain('November 20, 2026 at 5:00 PM UTC');
  });
});
