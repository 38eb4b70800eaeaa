import type { MessageId } from '../../i18n/I18nProvider';

/** The auth error codes a person can act on; everything else reads "something went wrong". */
export function authErrorMessage(code: string): MessageId {
  switch (code) {
    case 'invalid_credentials':
      return 'auth.error.invalidCredentials';
    case 'email_taken':
      return 'auth.error.emailTaken';
    case 'too_many_attempts':
    case 'rate_limited':
      return 'auth.error.tooMany';
    case 'invalid_body':
      return 'auth.error.invalid';
    case 'network':
      return 'auth.error.network';
    default:
      return 'auth.error.unknown';
  }
}
