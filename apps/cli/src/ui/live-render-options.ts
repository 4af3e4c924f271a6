import type { UiStreams } from './types.ts';

/**
 * Ink's render options for the live screens (dashboard, migrate/rollback): the given streams, always
 * interactive (the CLI only starts the UI on a terminal; Ink's own CI check would hide live frames),
 * Ctrl+C handled by the screen itself (it stops a run instead of killing the process), console left alone.
 *
 * @example
 * render(<Dashboard ... />, { ...liveRenderOptions(options), alternateScreen: true });
 */
export function liveRenderOptions(streams: UiStreams) {
  return {
    stdout: streams.stdout,
    stdin: streams.stdin,
    stderr: streams.stderr,
    interactive: true,
    exitOnCtrlC: false,
    patchConsole: false,
  };
}
