import { request } from '../lib/api';
import { useAsync } from '../lib/useAsync';

export interface Health {
  status: string;
  database: 'pglite' | 'postgres';
  version: string;
  demo: boolean;
}

export const fetchHealth = (signal?: AbortSignal) => request<Health>('/api/health', { signal });

export function useHealth() {
  return useAsync((signal) => fetchHealth(signal), []);
}
