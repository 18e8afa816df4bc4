// Fails when two folders of src/ import each other, directly or through other folders: each folder is a unit
// that may lean on others only one way. Prints every cycle as "a → b → a".
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
const IMPORT = /(?:^|\s)(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

const files = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return files(path);
        return /\.tsx?$/.test(entry.name) ? [path] : [];
    });

// A file directly in src/ belongs to the folder "."; an import of a folder (its index) to that folder.
const folderOf = (root, path) => {
    const parts = relative(root, path).split('/');
    return parts.length > 1 || (existsSync(path) && statSync(path).isDirectory()) ? parts[0] : '.';
};

/** folder → the other folders its files import. */
export const folderGraph = (root = SRC) => {
    const graph = new Map();
    for (const file of files(root)) {
        const from = folderOf(root, file);
        if (!graph.has(from)) graph.set(from, new Set());
        for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
            const to = folderOf(root, resolve(dirname(file), match[1] ?? match[2]));
            if (to !== from) graph.get(from).add(to);
        }
    }
    return graph;
};

/** Every elementary cycle found by a depth-first walk, each reported once from its smallest folder name. */
export const cycles = (graph) => {
    const found = new Map();
    const walk = (path) => {
        for (const next of graph.get(path.at(-1)) ?? []) {
            const at = path.indexOf(next);
            if (at >= 0) {
                const cycle = path.slice(at);
                const start = cycle.indexOf([...cycle].sort()[0]);
                const canonical = [...cycle.slice(start), ...cycle.slice(0, start)];
                found.set(canonical.join(' → '), [...canonical, canonical[0]].join(' → '));
            } else {
                walk([...path, next]);
            }
        }
    };
    for (const folder of graph.keys()) walk([folder]);
    return [...found.values()];
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const graph = folderGraph();
    const found = cycles(graph);
    for (const cycle of found) console.error(`import cycle between folders: ${cycle}`);
    console.log(`${graph.size} folders, ${found.length} cycles`);
    process.exit(found.length ? 1 : 0);
}
