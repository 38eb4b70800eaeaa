import type { Post } from '@parley/shared';

/**
 * What a thread needs from a composer. The thread and compose features do not import each
 * other: the app hands the compose feature's Composer to the thread screen.
 */
export interface ComposerProps {
  spaceId: string;
  questionId: string;
  parentId: string | null;
  /** Called after a post was saved, or when a reply composer is cancelled. */
  onDone?: () => void;
  autoFocus?: boolean;
  /** The author's own post to edit (in place of a new post): the composer opens with its text. */
  edit?: Post;
}
