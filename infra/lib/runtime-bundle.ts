// Builds a Lambda function's code folder on this machine, without Docker, so `cdk synth` works
// offline: esbuild turns the handler module into one ESM file; the native packages it cannot bundle
// (DuckDB, onnxruntime) are copied from node_modules with only the Lambda platform's binaries
// (linux x64, glibc); the served model (manifest + ONNX) goes to `model/`. The stack's assets and the
// bundle test both call `buildRuntimeBundle`, so what is tested is what is deployed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { buildSync } from 'esbuild';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The functions run on x86_64 Lambda: the platform whose binaries are copied. */
export const LAMBDA_PLATFORM = { os: 'linux', cpu: 'x64', libc: 'glibc' } as const;

/** The bundle's handler file; Lambda's `index.handler` finds `index.mjs` (an ES module). */
export const BUNDLE_FILE = 'index.mjs';
export const BUNDLE_MODEL_DIR = 'model';

export interface BundleSpec {
  /** The handler module, relative to the repository root. */
  entry: string;
  /** Packages loaded from node_modules at run time (native addons esbuild cannot inline). */
  nativePackages: readonly string[];
}

/** The S3 → SQS ingestion handler (lib/pipeline/lambda.ts: the CLI's ingest session behind S3 events). */
export const INGEST_BUNDLE: BundleSpec = {
  entry: 'lib/pipeline/lambda.ts',
  nativePackages: ['@duckdb/node-api', '@duckdb/node-bindings', 'onnxruntime-node'],
};

/** The scoring API behind API Gateway (lib/scoring's handler under a Lambda adapter). */
export const SCORING_BUNDLE: BundleSpec = {
  entry: 'infra/runtime/scoring-lambda.ts',
  nativePackages: ['onnxruntime-node'],
};

// ESM output has neither `require` (CommonJS dependencies such as the AWS SDK call it for Node
// built-ins) nor `__dirname`; define both from the bundle's own URL.
const BANNER = [
  "import { createRequire as __bundleRequire } from 'node:module';",
  "import { fileURLToPath as __bundleFileUrl } from 'node:url';",
  "import { dirname as __bundleDirname } from 'node:path';",
  'const require = __bundleRequire(import.meta.url);',
  'const __filename = __bundleFileUrl(import.meta.url);',
  'const __dirname = __bundleDirname(__filename);',
].join('\n');

/** Files of a package that the Lambda never loads: other platforms' prebuilt binaries. */
const PRUNE: Readonly<Record<string, (relative: string) => boolean>> = {
  // onnxruntime-node ships every OS and CPU (~290 MB); Linux x64 alone is ~46 MB.
  'onnxruntime-node': (rel) =>
    /^bin\/napi-v\d+\/(?!linux(\/|$))[^/]+/.test(rel) ||
    /^bin\/napi-v\d+\/linux\/(?!x64(\/|$))[^/]+/.test(rel),
};

/** Dependencies that only a package's install script uses (onnxruntime-node's CUDA download). */
const INSTALL_ONLY = new Set(['adm-zip', 'global-agent']);

interface PackageJson {
  name: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  os?: string[];
  cpu?: string[];
  libc?: string[];
}

const readPackage = (dir: string): PackageJson =>
  JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;

/** Where Node would find `name` from `fromDir`: the nearest node_modules up to the repository root. */
function resolvePackageDir(name: string, fromDir: string, root: string): string | null {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.relative(root, dir) === '' || dir === path.dirname(dir)) return null;
  }
}

const fitsPlatform = (pkg: PackageJson): boolean =>
  (!pkg.os || pkg.os.includes(LAMBDA_PLATFORM.os)) &&
  (!pkg.cpu || pkg.cpu.includes(LAMBDA_PLATFORM.cpu)) &&
  (!pkg.libc || pkg.libc.includes(LAMBDA_PLATFORM.libc));

/** The package folders `names` need at run time, with their dependencies, for the Lambda platform. */
export function runtimePackageClosure(names: readonly string[], root: string = REPO_ROOT): string[] {
  const found = new Set<string>();
  const visit = (name: string, fromDir: string, optional: boolean) => {
    const dir = resolvePackageDir(name, fromDir, root);
    if (!dir) {
      if (optional) return;
      throw new Error(`${name} is not installed under ${root}: run npm install first`);
    }
    const pkg = readPackage(dir);
    if (optional && !fitsPlatform(pkg)) return;
    if (found.has(dir)) return;
    found.add(dir);
    for (const dep of Object.keys(pkg.dependencies ?? {})) if (!INSTALL_ONLY.has(dep)) visit(dep, dir, false);
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) visit(dep, dir, true);
  };
  for (const name of names) visit(name, root, false);
  return [...found].sort();
}

/** Fails early, with the fix, when this machine's node_modules lacks the Lambda's DuckDB binary. */
function checkNativeBinaries(packageDirs: readonly string[]): void {
  const wanted = `@duckdb/node-bindings-${LAMBDA_PLATFORM.os}-${LAMBDA_PLATFORM.cpu}`;
  const needsDuckdb = packageDirs.some((d) => d.endsWith(path.join('@duckdb', 'node-bindings')));
  if (needsDuckdb && !packageDirs.some((d) => d.endsWith(path.join(...wanted.split('/'))))) {
    throw new Error(
      `${wanted} is not installed: bundle the Lambda functions on Linux x64 (glibc), e.g. in CI or a container`,
    );
  }
}

function copyModel(outDir: string, modelDir: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(modelDir, 'manifest.json'), 'utf8')) as {
    onnxFile: string;
  };
  const target = path.join(outDir, BUNDLE_MODEL_DIR);
  fs.mkdirSync(target, { recursive: true });
  for (const file of ['manifest.json', manifest.onnxFile])
    fs.copyFileSync(path.join(modelDir, file), path.join(target, file));
}

/**
 * esbuild names sources relative to the output folder, which CDK picks anew for each synth; naming
 * them from the repository root instead keeps the bundle byte-identical, so an unchanged function
 * keeps its asset hash and `cdk deploy` does not re-upload and update it. Stack traces then read
 * `/var/task/lib/pipeline/ingest.ts:…`.
 */
function rootRelativeSourceMap(mapFile: string, root: string): void {
  const map = JSON.parse(fs.readFileSync(mapFile, 'utf8')) as { sources: string[] };
  const dir = path.dirname(mapFile);
  map.sources = map.sources.map((s) => path.relative(root, path.resolve(dir, s)).split(path.sep).join('/'));
  fs.writeFileSync(mapFile, JSON.stringify(map));
}

export interface BuildOptions {
  root?: string;
  /** The model folder to ship (default `<root>/model`, what the console serves too). */
  modelDir?: string;
}

/** Writes the function's code into `outDir` (empty or absent): index.mjs, node_modules/, model/. */
export function buildRuntimeBundle(spec: BundleSpec, outDir: string, options: BuildOptions = {}): void {
  const root = options.root ?? REPO_ROOT;
  fs.mkdirSync(outDir, { recursive: true });
  const result = buildSync({
    absWorkingDir: root,
    entryPoints: [spec.entry],
    outfile: path.join(outDir, BUNDLE_FILE),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    external: [...spec.nativePackages],
    alias: { dynalite: path.join(root, 'infra', 'runtime', 'no-dynalite.ts') },
    banner: { js: BANNER },
    tsconfig: path.join(root, 'tsconfig.json'),
    sourcemap: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
  });
  // An import esbuild left external that is neither a Node built-in nor a declared native package
  // would fail on the first cold start; fail the build instead.
  const stray = Object.values(result.metafile.outputs)
    .flatMap((o) => o.imports)
    .filter((i) => i.external && !i.path.startsWith('node:') && !spec.nativePackages.includes(i.path))
    .map((i) => i.path);
  if (stray.length > 0)
    throw new Error(`${spec.entry}: unexpected external imports ${[...new Set(stray)].join(', ')}`);
  rootRelativeSourceMap(path.join(outDir, `${BUNDLE_FILE}.map`), root);

  const packages = runtimePackageClosure(spec.nativePackages, root);
  checkNativeBinaries(packages);
  for (const dir of packages) {
    const name = readPackage(dir).name;
    const prune = PRUNE[name];
    fs.cpSync(dir, path.join(outDir, path.relative(root, dir)), {
      recursive: true,
      dereference: true,
      filter: (source) => {
        const rel = path.relative(dir, source).split(path.sep).join('/');
        // Nested dependencies are copied as packages of their own (when in the closure).
        if (rel === 'node_modules' || rel.startsWith('node_modules/')) return false;
        return !prune?.(rel);
      },
    });
  }
  copyModel(outDir, options.modelDir ?? path.join(root, 'model'));
}
