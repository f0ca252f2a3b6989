// The public map's first paint without a chain of round trips. Left alone, a phone fetches the app's
// code, runs it, fetches the map's chunk, runs it, and only then asks for the data: three waits of a
// slow network's latency in a row. A few lines inlined in index.html start, on the map's path only,
// the map's chunk (modulepreload) and its data documents at once, beside the app's code; the code
// takes the answers when it runs. Other paths (staff, check-in pages) fetch nothing more.
import type { Plugin } from 'vite';

export interface FirstPaintOptions {
  /** The path of the page (the public map: `/`). */
  path: string;
  /** The name of the chunk the page renders (a group in build.rolldownOptions). */
  chunk: string;
  /** Documents to fetch at once, in order; the responses are left in window[global]. */
  documents: readonly string[];
  accept: string;
  global: string;
}

/** The inline script (plain ES2017: it runs before any of our code, in every browser we serve). */
export function earlyScript(options: FirstPaintOptions, modules: readonly string[]): string {
  return [
    `if (location.pathname === ${JSON.stringify(options.path)}) {`,
    `  for (const href of ${JSON.stringify(modules)}) {`,
    `    const link = document.createElement('link');`,
    `    link.rel = 'modulepreload'; link.crossOrigin = ''; link.href = href;`,
    `    document.head.appendChild(link);`,
    `  }`,
    `  const started = (window[${JSON.stringify(options.global)}] = {});`,
    `  for (const url of ${JSON.stringify(options.documents)}) {`,
    `    started[url] = fetch(url, { headers: { accept: ${JSON.stringify(options.accept)} } });`,
    `    started[url].catch(() => undefined);`,
    `  }`,
    `}`,
  ].join('\n');
}

export function firstPaint(options: FirstPaintOptions): Plugin {
  return {
    name: 'vigil-first-paint',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const files = Object.values(context.bundle ?? {});
        const chunk = files.find((file) => file.type === 'chunk' && file.name === options.chunk);
        if (chunk?.type !== 'chunk') throw new Error(`firstPaint: the build has no chunk named "${options.chunk}"`);
        // what index.html loads already (the entry and its imports) is not asked for twice
        const initial = new Set(files.flatMap((file) => (file.type === 'chunk' && file.isEntry ? [file.fileName, ...file.imports] : [])));
        const modules = [chunk.fileName, ...chunk.imports].filter((file) => !initial.has(file)).map((file) => `/${file}`);
        // right after <meta charset>: before the stylesheet, which would hold an inline script until it has loaded
        const charset = /<meta charset="[^"]*"\s*\/?>/i.exec(html);
        if (!charset) throw new Error('firstPaint: index.html has no <meta charset>');
        const at = charset.index + charset[0].length;
        return `${html.slice(0, at)}\n    <script>\n${earlyScript(options, modules)}\n    </script>${html.slice(at)}`;
      },
    },
  };
}
