//! A stable-Rust driver of [`kubectl_fuzz::check`], for machines without nightly: inputs are
//! generated from a fixed seed — mutated seeds and corpus entries (byte flips, insertions,
//! deletions, splices), random command lines from a word list harvested from them, and raw
//! random bytes — and each runs as the libFuzzer target runs it. No coverage guidance, but
//! no sanitizer slowdown either.
//!
//! `cargo run --release --bin stable -- [INPUTS] [SEED]` (default 1,000,000 inputs, seed 1).
//! The first failing input is written to `artifacts/command_line/stable-<n>` and the driver
//! exits 1.

use std::{
    fs,
    panic::{AssertUnwindSafe, catch_unwind},
    path::Path,
    time::{Duration, Instant},
};

/// SplitMix64: small, fast, and enough for choosing mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Extra tokens beyond those in the seeds: flags, quoting and separators that parsers trip on.
const TOKENS: &[&str] = &[
    "-o",
    "yaml",
    "json",
    "wide",
    "name",
    "jsonpath={.items[*].metadata.name}",
    "-l",
    "app=web",
    "'env in (a,b)'",
    "!app",
    "-A",
    "-n",
    "kube-system",
    "--all-namespaces",
    "--replicas=-1",
    "--replicas=99999999999999999999",
    "--image=",
    "--to-revision=0",
    "--grace-period=-5",
    "--force",
    "--",
    "-",
    "'",
    "\"",
    "\\",
    "|",
    "=",
    ",",
    ":NoSchedule-",
    "k=v:NoExecute",
    "--type=LoadBalancer",
    "--port=0",
    "--port=65536",
    "-c",
    "-p",
    "--tail=-1",
    "-it",
    "--target=",
    "--show-labels",
    "-L",
    "app",
    "--overwrite",
    "--ignore-daemonsets",
    "--delete-emptydir-data",
    "-f",
    "editor",
    "-w",
    "--bogus",
    "-h",
    "help",
    "\t",
    "ü",
    "😀",
];

fn load(dir: &Path, into: &mut Vec<Vec<u8>>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    // Directory order differs between machines; the inputs must not.
    paths.sort();
    into.extend(paths.iter().filter_map(|p| fs::read(p).ok()));
}

fn mutate(rng: &mut Rng, pool: &[Vec<u8>], words: &[String]) -> Vec<u8> {
    match rng.below(10) {
        // Random command lines.
        0..=2 => {
            let mut out = String::new();
            for _ in 0..1 + rng.below(4) {
                if !out.is_empty() {
                    out.push('\n');
                }
                for i in 0..rng.below(9) {
                    if i > 0 {
                        out.push(' ');
                    }
                    if let Some(w) = words.get(rng.below(words.len())) {
                        out.push_str(w);
                    }
                }
            }
            out.into_bytes()
        }
        // Raw bytes.
        3 => (0..rng.below(200)).map(|_| rng.next() as u8).collect(),
        // A seed or corpus entry with a few byte-level mutations.
        _ => {
            let mut data = pool.get(rng.below(pool.len())).cloned().unwrap_or_default();
            for _ in 0..1 + rng.below(6) {
                let at = rng.below(data.len() + 1);
                match rng.below(6) {
                    0 if at < data.len() => data[at] ^= 1 << rng.below(8),
                    1 => data.insert(at, rng.next() as u8),
                    2 if at < data.len() => {
                        let end = (at + 1 + rng.below(8)).min(data.len());
                        data.drain(at..end);
                    }
                    3 => {
                        // Splice in part of another entry.
                        let other = pool.get(rng.below(pool.len())).cloned().unwrap_or_default();
                        let from = rng.below(other.len() + 1);
                        let to = (from + rng.below(64)).min(other.len());
                        data.splice(at..at, other[from..to].iter().copied());
                    }
                    4 => {
                        let w = words.get(rng.below(words.len())).cloned().unwrap_or_default();
                        data.splice(at..at, format!(" {w}").into_bytes());
                    }
                    _ => {
                        const PUNCT: &[u8] = b"\n \t-='\"\\,:";
                        data.insert(at, PUNCT[rng.below(PUNCT.len())]);
                    }
                }
            }
            data.truncate(4096);
            data
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let inputs: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pool = Vec::new();
    load(&root.join("seeds"), &mut pool);
    load(&root.join("corpus/command_line"), &mut pool);
    let mut words: Vec<String> = pool
        .iter()
        .flat_map(|p| {
            String::from_utf8_lossy(p).split_whitespace().map(str::to_owned).collect::<Vec<_>>()
        })
        .chain(TOKENS.iter().map(|t| (*t).to_owned()))
        .collect();
    words.sort();
    words.dedup();
    println!("{} starting inputs, {} words, seed {seed}", pool.len(), words.len());
    kubectl_fuzz::base();
    let mut rng = Rng(seed);
    let start = Instant::now();
    let (mut slowest, mut slowest_len) = (Duration::ZERO, 0usize);
    for n in 0..inputs {
        let data = mutate(&mut rng, &pool, &words);
        let t = Instant::now();
        if catch_unwind(AssertUnwindSafe(|| kubectl_fuzz::check(&data))).is_err() {
            let dir = root.join("artifacts/command_line");
            let path = dir.join(format!("stable-{n}"));
            let saved = fs::create_dir_all(&dir).and_then(|()| fs::write(&path, &data));
            eprintln!(
                "input {n} failed ({} bytes); saved: {saved:?} {}",
                data.len(),
                path.display()
            );
            std::process::exit(1);
        }
        let took = t.elapsed();
        if took > slowest {
            (slowest, slowest_len) = (took, data.len());
        }
        if (n + 1) % 100_000 == 0 {
            let secs = start.elapsed().as_secs_f64();
            println!("{} inputs, {secs:.0} s, {:.0} inputs/s", n + 1, (n + 1) as f64 / secs);
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "done: {inputs} inputs in {secs:.0} s ({:.0} inputs/s), no failure; slowest input {:.1} ms ({slowest_len} bytes)",
        inputs as f64 / secs,
        slowest.as_secs_f64() * 1000.0
    );
}
