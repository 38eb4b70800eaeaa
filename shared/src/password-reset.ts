import { z } from 'zod';
import { Password } from './auth';
import { Email } from './primitives';

/** POST /api/auth/password-reset: always answered 202, whether the address has an account or not. */
export const PasswordResetRequestBody = z.object({ email: Email });
export type PasswordResetRequestBody = z.infer<typeof PasswordResetRequestBody>;

/** POST /api/auth/password-reset/confirm: the token from the e-mailed link and the new password. */
export const PasswordResetConfirmBody = z.object({
  token: z.string().min(20).max(200),
  password: Password,
});
export type PasswordResetConfirmBody = z.infer<typeof PasswordResetConfirmBody>;
