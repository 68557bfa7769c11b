import { create } from 'zustand';

interface NoticeState {
  /** A short message for the user (a refused paste, a failed save); null when there is none. */
  notice: { text: string; tone: 'info' | 'error' } | null;
  show(text: string, tone?: 'info' | 'error'): void;
  dismiss(): void;
}

export const useNotice = create<NoticeState>((set) => ({
  notice: null,
  show(text, tone = 'info') {
    set({ notice: { text, tone } });
  },
  dismiss() {
    set({ notice: null });
  },
}));
