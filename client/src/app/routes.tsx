import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { SpacesPage } from '../features/spaces/SpacesPage';
import { Loading } from '../ui/Page';
import { NotFound } from '../ui/NotFound';

// The first screen (the list of spaces) is in the main chunk; the rest, a space's own page
// included, load on demand and are precached.
const SpacePage = lazy(() => import('../features/spaces/SpacePage').then((m) => ({ default: m.SpacePage })));
const ThreadPage = lazy(() =>
  import('../features/threads/ThreadPage').then((m) => ({ default: m.ThreadPage })),
);
const Composer = lazy(() => import('../features/compose/Composer').then((m) => ({ default: m.Composer })));
const MyPostsPage = lazy(() =>
  import('../features/my-posts/MyPostsPage').then((m) => ({ default: m.MyPostsPage })),
);
const ModerationPage = lazy(() =>
  import('../features/moderation/ModerationPage').then((m) => ({ default: m.ModerationPage })),
);
const DraftsPage = lazy(() =>
  import('../features/drafts/DraftsPage').then((m) => ({ default: m.DraftsPage })),
);
const NotificationsPage = lazy(() =>
  import('../features/notifications/NotificationsPage').then((m) => ({ default: m.NotificationsPage })),
);
const SettingsPage = lazy(() =>
  import('../features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })),
);
const ReportPage = lazy(() =>
  import('../features/report/ReportPage').then((m) => ({ default: m.ReportPage })),
);
const SpaceEditorPage = lazy(() =>
  import('../features/organiser/SpaceEditorPage').then((m) => ({ default: m.SpaceEditorPage })),
);
const QuestionsPage = lazy(() =>
  import('../features/organiser/QuestionsPage').then((m) => ({ default: m.QuestionsPage })),
);
const SearchPage = lazy(() =>
  import('../features/search/SearchPage').then((m) => ({ default: m.SearchPage })),
);
const SignInPage = lazy(() => import('../features/auth/SignInPage').then((m) => ({ default: m.SignInPage })));
const SignUpPage = lazy(() => import('../features/auth/SignUpPage').then((m) => ({ default: m.SignUpPage })));
const FinishSignUpPage = lazy(() =>
  import('../features/auth/FinishSignUpPage').then((m) => ({ default: m.FinishSignUpPage })),
);
const ForgotPasswordPage = lazy(() =>
  import('../features/auth/ForgotPasswordPage').then((m) => ({ default: m.ForgotPasswordPage })),
);
const InvitationPage = lazy(() =>
  import('../features/auth/InvitationPage').then((m) => ({ default: m.InvitationPage })),
);
const ResetPasswordPage = lazy(() =>
  import('../features/auth/ResetPasswordPage').then((m) => ({ default: m.ResetPasswordPage })),
);

/** Features never import each other: the thread screen gets its composer from here. */
export function Routes() {
  return (
    <Suspense fallback={<Loading />}>
      <Switch>
        <Route path="/" component={SpacesPage} />
        <Route path="/s/:slug">{(p) => <SpacePage slug={p.slug} />}</Route>
        <Route path="/s/:slug/report">{(p) => <ReportPage slug={p.slug} />}</Route>
        <Route path="/s/:slug/q/:questionId">
          {(p) => <ThreadPage slug={p.slug} questionId={p.questionId} Composer={Composer} />}
        </Route>
        <Route path="/organise/new">{() => <SpaceEditorPage />}</Route>
        <Route path="/organise/:slug">{(p) => <SpaceEditorPage slug={p.slug} />}</Route>
        <Route path="/organise/:slug/questions">{(p) => <QuestionsPage slug={p.slug} />}</Route>
        <Route path="/me/posts" component={MyPostsPage} />
        <Route path="/moderate">{() => <ModerationPage />}</Route>
        <Route path="/moderate/:tab">{(p) => <ModerationPage tab={p.tab} />}</Route>
        <Route path="/notifications" component={NotificationsPage} />
        <Route path="/drafts" component={DraftsPage} />
        <Route path="/settings" component={SettingsPage} />
        <Route path="/search" component={SearchPage} />
        <Route path="/signin" component={SignInPage} />
        <Route path="/signup" component={SignUpPage} />
        <Route path="/finish-sign-up" component={FinishSignUpPage} />
        <Route path="/forgot-password" component={ForgotPasswordPage} />
        <Route path="/reset-password" component={ResetPasswordPage} />
        <Route path="/invitation" component={InvitationPage} />
        <Route>{() => <NotFound />}</Route>
      </Switch>
    </Suspense>
  );
}
