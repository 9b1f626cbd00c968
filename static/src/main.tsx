import '@atlaskit/css-reset';
import './styles.css';
import { StrictMode, Suspense, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { getAppContext, messageOf } from './api';
import { ErrorBoundary } from './components/ErrorBoundary';
import { ErrorState, Loading } from './components/States';
import { isModuleKey, startSurface } from './routes';

const THEME_WAIT_MS = 1500;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function boot(): Promise<ReactElement> {
  const context = await getAppContext();
  const { moduleKey } = context;
  if (!isModuleKey(moduleKey)) {
    return (
      <ErrorState
        title="Unknown module"
        message={`This app has no view for the module "${moduleKey}".`}
      />
    );
  }
  // Resolver call and surface chunk start now; the theme loads meanwhile.
  const surface = startSurface({ ...context, moduleKey });
  // The theme code and token CSS load in their own chunks (off the initial JS);
  // wait briefly for them so a dark host does not flash light content.
  const theme = import('./theme').then(({ applyTheme }) => applyTheme(context.theme));
  await Promise.race([theme.catch(() => undefined), delay(THEME_WAIT_MS)]);
  return surface;
}

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element');
const root = createRoot(container);

// A failed chunk stays failed inside React.lazy, so a render failure retries with a reload.
const reload = (): void => window.location.reload();

function render(element: ReactElement): void {
  root.render(
    <StrictMode>
      <ErrorBoundary onRetry={reload}>
        <Suspense fallback={<Loading />}>{element}</Suspense>
      </ErrorBoundary>
    </StrictMode>,
  );
}

function start(): void {
  render(<Loading />);
  boot().then(render, (error: unknown) => {
    render(<ErrorState message={messageOf(error)} onRetry={start} />);
  });
}

start();
