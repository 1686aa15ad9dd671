
/**
 * A progress bar on stderr: redrawn in place on a terminal, a line every 10% (or at the end)
 * when the output is a log file.
 */
export function progressBar(write: (text: string) => void, isTTY: boolean, label: string, unit = 'events') {
  let lastTenth = -1;
  return {
    update(p: { readonly done: number; readonly total: number; readonly rate?: number }) {
      const ratio = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
      const width = 30;
      const filled = Math.round(ratio * width);
      const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ${p.done}/${p.total} ${unit}${p.rate === undefined ? '' : `, ${Math.round(p.rate)} ${unit}/s`}`;
      if (isTTY) write(`\r${line}`);
      else if (Math.floor(ratio * 10) > lastTenth) {
        lastTenth = Math.floor(ratio * 10);
        write(`${line}\n`);
      }
    },
    done() {
      if (isTTY) write('\n');
    },
  };
}
