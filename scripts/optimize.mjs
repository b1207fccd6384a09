// wasm-opt -Oz on every module of a folder, in one Node process with one worker per core: the
// split build has hundreds of small chunks, and starting binaryen once per file cost minutes.
// Same optimizer as the wasm-opt command (npm's binaryen, see scripts/setup.sh), through its API:
// the default passes at optimize level 2 and shrink level 2, then functions ordered by how their
// bodies begin (wasm-order.mjs); names and debug info dropped.
import { availableParallelism } from "node:os";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { namedBySimilarity } from "./wasm-order.mjs";

// Usage: node optimize.mjs <folder> <path of binaryen's index.js>
if (isMainThread) {
  const [dir, binaryenJs] = process.argv.slice(2);
  const files = readdirSync(dir)
    .filter((n) => n.endsWith(".wasm"))
    .map((n) => join(dir, n))
    .sort((a, b) => statSync(b).size - statSync(a).size);
  const workers = Math.min(availableParallelism(), files.length);
  // Largest first, dealt round-robin, so the main module does not wait behind small ones.
  const shares = Array.from({ length: workers }, (_, w) => files.filter((_, i) => i % workers === w));
  const done = shares.map(
    (share) =>
      new Promise((resolve, reject) => {
        const worker = new Worker(new URL(import.meta.url), { workerData: { share, binaryenJs } });
        worker.on("error", reject);
        worker.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}`))));
      }),
  );
  await Promise.all(done);
} else {
  const { default: binaryen } = await import(pathToFileURL(workerData.binaryenJs).href);
  const F = binaryen.Features;
  // What rustc's wasm32 output uses; the same set the wasm-opt command was given.
  const features = F.MutableGlobals | F.NontrappingFPToInt | F.BulkMemory | F.BulkMemoryOpt | F.SignExt |
    F.ReferenceTypes | F.Multivalue | F.CallIndirectOverlong;
  binaryen.setOptimizeLevel(2);
  binaryen.setShrinkLevel(2);
  binaryen.setDebugInfo(false);
  for (const file of workerData.share) {
    const module = binaryen.readBinary(readFileSync(file));
    module.setFeatures(features);
    module.optimize();
    binaryen.setDebugInfo(true);
    const optimized = module.emitBinary();
    binaryen.setDebugInfo(false);
    module.dispose();
    // Functions whose bodies begin alike side by side, for gzip's window (see wasm-order.mjs); the
    // names that order them go at emitting.
    const ordered = binaryen.readBinary(namedBySimilarity(optimized));
    ordered.setFeatures(features);
    ordered.runPasses(["reorder-functions-by-name"]);
    writeFileSync(file, ordered.emitBinary());
    ordered.dispose();
  }
  parentPort?.close();
}
