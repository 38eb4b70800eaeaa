import { describe, expect, it } from 'vitest';
import { Me } from '@parley/shared';
import { asMe } from './me';

const me = {
  id: '0192f0c1-7a4e-7cc0-8f3e-000000000001',
  email: 'ana@parley.test',
  displayName: 'Ana Lima',
  role: 'participant',
  lang: 'es',
  globalModerator: false,
  moderatorOf: [],
};

describe('asMe', () => {
  it('accepts what the shared schema accepts', () => {
    expect(Me.safeParse(me).success).toBe(true);
    expect(asMe(me)).toEqual(me);
  });

  it('refuses broken or foreign values (a corrupt localStorage entry)', () => {
    expect(asMe(null)).toBeNull();
    expect(asMe('ana')).toBeNull();
    expect(asMe({ ...me, role: 'root' })).toBeNull();
    expect(asMe({ ...me, moderatorOf: [1] })).toBeNull();
    expect(asMe({ ...me, globalModerator: 'yes' })).toBeNull();
  });
});
