// Drives sim-core-wasm-bench.wasm (built for wasm32-unknown-unknown, no wasm-bindgen) through
// Node's WebAssembly API and prints the same JSON lines as the native binary:
//   node bench_harness.mjs WASM scenarios
//   node bench_harness.mjs WASM bench NODES PODS SEED [RESERVE]
import { readFileSync } from 'node:fs';

const [wasmPath, command, ...rest] = process.argv.slice(2);
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {});
const x = instance.exports;
const hex = (v) => BigInt.asUintN(64, v).toString(16).padStart(16, '0');

if (command === 'scenarios') {
  // Entry counts are not exported; the hash covers every entry.
  for (let i = 0; i < x.scenario_count(); i++) {
    console.log(JSON.stringify({ index: i, hash: hex(x.scenario_hash(i)) }));
  }
} else if (command === 'bench') {
  const [nodes, pods, seed, reserve] = rest.map(Number);
  if (reserve !== undefined) x.bench_set_reserve(reserve);
  const base = Number(x.heap_live_bytes());
  x.bench_prepare(nodes, pods, seed);
  const [c0, t0] = [process.cpuUsage(), performance.now()];
  const scheduled = Number(x.bench_run());
  const secs = (performance.now() - t0) / 1000;
  const c1 = process.cpuUsage(c0);
  const cpuSecs = (c1.user + c1.system) / 1e6;
  const live = Number(x.heap_live_bytes());
  console.log(JSON.stringify({
    secs, cpuSecs, scheduled, checksum: hex(x.bench_checksum()), liveBytes: live, baseBytes: base,
    memoryBytes: x.memory.buffer.byteLength,
  }));
  x.bench_release();
} else {
  console.error('usage: node bench_harness.mjs WASM scenarios | bench NODES PODS SEED');
  process.exit(2);
}
