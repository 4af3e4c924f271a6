import { createContext } from 'react';

/** Whether the UI may colour its text (`false` under `NO_COLOR` or `--no-color`). Defaults to `true`. */
export const ColorContext = createContext(true);
