// Who is signed in: the token in localStorage, the user from /auth/me, and the way back to sign-in on 401.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, getToken, NetworkError, rememberedUser, rememberUser, setToken, UNAUTHORIZED_EVENT } from '../lib/api';
import { fetchMe, type Permission, type User } from './api';

type Status = 'checking' | 'signed-in' | 'signed-out';

interface Session {
  status: Status;
  user: User | null;
  /** Set when the server ended the session (expired or revoked token). */
  expired: boolean;
  checkError: unknown;
  signIn: (token: string, user: User) => void;
  signOut: () => void;
  can: (permission: Permission) => boolean;
  recheck: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>(() => (getToken() ? 'checking' : 'signed-out'));
  const [user, setUser] = useState<User | null>(null);
  const [expired, setExpired] = useState(false);
  const [checkError, setCheckError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (status !== 'checking') return;
    const controller = new AbortController();
    setCheckError(undefined);
    fetchMe(controller.signal).then(
      ({ user: me }) => {
        rememberUser(me);
        setUser(me);
        setStatus('signed-in');
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const remembered = rememberedUser() as User | null;
        if (error instanceof ApiError && error.status === 401) {
          setToken(null);
          setStatus('signed-out');
        } else if (error instanceof NetworkError && remembered) {
          // Offline: keep working as the user the server last confirmed (the scanner queues scans);
          // the server still checks the token on every request once the network is back.
          setUser(remembered);
          setStatus('signed-in');
        } else {
          setCheckError(error);
        }
      },
    );
    return () => controller.abort();
  }, [status, attempt]);

  useEffect(() => {
    const onUnauthorized = () => {
      setToken(null);
      setUser(null);
      setExpired(true);
      setStatus('signed-out');
    };
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, []);

  const signIn = useCallback((token: string, signedIn: User) => {
    setToken(token);
    rememberUser(signedIn);
    setUser(signedIn);
    setExpired(false);
    setStatus('signed-in');
  }, []);

  const signOut = useCallback(() => {
    setToken(null);
    setUser(null);
    setExpired(false);
    setStatus('signed-out');
  }, []);

  const value = useMemo<Session>(
    () => ({
      status,
      user,
      expired,
      checkError,
      signIn,
      signOut,
      can: (permission) => user?.permissions.includes(permission) ?? false,
      recheck: () => setAttempt((n) => n + 1),
    }),
    [status, user, expired, checkError, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
