import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import type { PrimitiveType } from 'react-intl';
import type { MessageId } from './I18nProvider';
import { withGrammarHints } from './grammar';

export type Translate = (id: MessageId, values?: Record<string, PrimitiveType>) => string;

/** A typed `formatMessage`: an id that is not in en.json does not compile. */
export function useT(): Translate {
  const intl = useIntl();
  return useCallback<Translate>((id, values) => intl.formatMessage({ id }, withGrammarHints(values)), [intl]);
}
