import './directional-icon.css';

/**
 * A "back" chevron. It points left in a left-to-right UI and, mirrored by CSS, right in a
 * right-to-left one, where "back" lies to the right.
 */
export function BackChevron() {
  return (
    <svg className="icon icon--directional" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
      <path fill="currentColor" d="M15.4 5.4 14 4l-8 8 8 8 1.4-1.4L8.8 12z" />
    </svg>
  );
}
