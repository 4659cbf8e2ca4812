//! The live lane: this browser compiles and instantiates the race module many times and
//! times it with `performance.now()`.
//!
//! Honest timing under a coarse clock: without cross-origin isolation, browsers round
//! `performance.now()` to about 0.1 ms (and add jitter), far coarser than one instantiation.
//! So each sample times a *batch* long enough to span many clock steps and divides by the
//! batch size; the clock step is measured and reported. Work runs in slices from
//! `requestAnimationFrame`, at most [`FRAME_BUDGET_MS`] of batches per frame, so the page
//! stays responsive.

use super::{
    module,
    stats::{self, Stats},
};
use js_sys::{Object, Reflect, Uint8Array, WebAssembly};
use leptos::prelude::*;
use std::{cell::RefCell, rc::Rc};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Performance;

/// Samples taken for each of compile and instantiate.
pub const SAMPLES: usize = 31;
/// Most measuring per animation frame, milliseconds.
pub const FRAME_BUDGET_MS: f64 = 5.0;

/// What the live lane found.
#[derive(Clone, Debug, PartialEq)]
pub struct Live {
    /// Per-instantiation times.
    pub instantiate: Stats,
    /// Per-compilation times (each of different bytes).
    pub compile: Stats,
    /// Instantiations per sample.
    pub instantiate_batch: u32,
    /// Compilations per sample.
    pub compile_batch: u32,
    /// Smallest step of `performance.now()` seen, milliseconds.
    pub clock_step_ms: f64,
    /// The longest single slice of measuring work on the main thread, milliseconds.
    pub longest_slice_ms: f64,
    /// The median slice, milliseconds.
    pub median_slice_ms: f64,
    /// Whether the page is cross-origin isolated (finer clock).
    pub isolated: bool,
    /// Size of the module, bytes.
    pub module_bytes: usize,
    /// What `checksum` returned, checked against the expected value.
    pub checksum: u32,
}

/// The live lane's progress.
#[derive(Clone, Debug, PartialEq)]
pub enum LiveState {
    /// Not measured yet.
    Idle,
    /// Measuring: samples done of total.
    Running(usize, usize),
    /// Finished.
    Done(Live),
    /// The browser refused something; the message says what.
    Failed(String),
}

/// Starts measuring; `state` follows progress. Ignored while a measurement runs.
pub fn start(state: RwSignal<LiveState>) {
    if matches!(state.get_untracked(), LiveState::Running(..)) {
        return;
    }
    state.set(LiveState::Running(0, 2 * SAMPLES));
    wasm_bindgen_futures::spawn_local(async move {
        match prepare().await {
            Ok(job) => schedule(Rc::new(RefCell::new(job)), state),
            Err(e) => state.set(LiveState::Failed(e)),
        }
    });
}

struct Job {
    perf: Performance,
    module: WebAssembly::Module,
    imports: Object,
    checksum: u32,
    clock_step_ms: f64,
    slices_ms: Vec<f64>,
    instantiate_batch: u32,
    compile_batch: u32,
    instantiate_us: Vec<f64>,
    compile_us: Vec<f64>,
    next_variant: u32,
}

fn describe(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
        .unwrap_or_else(|| "unknown error".to_owned())
}

async fn prepare() -> Result<Job, String> {
    let perf = web_sys::window()
        .and_then(|w| w.performance())
        .ok_or("this browser has no performance clock")?;
    let bytes = Uint8Array::from(module::bytes(0).as_slice());
    if !WebAssembly::validate(&bytes).map_err(|e| describe(&e))? {
        return Err("the browser says the module is not valid WebAssembly".into());
    }
    let compiled = wasm_bindgen_futures::JsFuture::from(WebAssembly::compile(&bytes))
        .await
        .map_err(|e| describe(&e))?;
    let module: WebAssembly::Module = compiled.dyn_into().map_err(|e| describe(&e))?;
    let imports = imports()?;
    let checksum = call_checksum(&module, &imports)?;
    if checksum != module::expected_checksum(module::DATA.len()) {
        return Err(format!("the module computed {checksum}, not the expected checksum"));
    }
    Ok(Job {
        clock_step_ms: measure_clock_step(&perf),
        slices_ms: Vec::new(),
        perf,
        module,
        imports,
        checksum,
        // Zero until calibrated; each calibration gets a frame of its own (see `slice`).
        instantiate_batch: 0,
        compile_batch: 0,
        instantiate_us: Vec::new(),
        compile_us: Vec::new(),
        next_variant: 1,
    })
}

/// `{ env: { memory } }` with one fresh one-page memory, shared by every instance.
fn imports() -> Result<Object, String> {
    let set = |o: &Object, k: &str, v: &JsValue| {
        Reflect::set(o, &JsValue::from_str(k), v).map(|_| ()).map_err(|e| describe(&e))
    };
    let descriptor = Object::new();
    set(&descriptor, "initial", &JsValue::from_f64(1.0))?;
    let memory = WebAssembly::Memory::new(&descriptor).map_err(|e| describe(&e))?;
    let env = Object::new();
    set(&env, module::IMPORT_MEMORY, &memory)?;
    let imports = Object::new();
    set(&imports, module::IMPORT_MODULE, &env)?;
    Ok(imports)
}

fn call_checksum(module: &WebAssembly::Module, imports: &Object) -> Result<u32, String> {
    let instance = WebAssembly::Instance::new(module, imports).map_err(|e| describe(&e))?;
    let f = Reflect::get(&instance.exports(), &JsValue::from_str(module::EXPORT))
        .map_err(|e| describe(&e))?
        .dyn_into::<js_sys::Function>()
        .map_err(|_| "the module has no checksum function".to_owned())?;
    let len = JsValue::from_f64(module::DATA.len() as f64);
    let v = f.call1(&JsValue::NULL, &len).map_err(|e| describe(&e))?;
    // An i32 result arrives as a signed number; reinterpret its bits.
    Ok(v.as_f64().map_or(0, |n| n as i32 as u32))
}

/// The smallest step of `performance.now()`, from readings taken until it has moved a few
/// times (at most 100,000 readings or about 5 ms, so this stays far from a long task).
fn measure_clock_step(perf: &Performance) -> f64 {
    let start = perf.now();
    let mut readings = vec![start];
    let mut changes = 0;
    for _ in 0..100_000 {
        let t = perf.now();
        if readings.last().is_some_and(|last| t != *last) {
            readings.push(t);
            changes += 1;
            if changes >= 8 || t - start > 5.0 {
                break;
            }
        }
    }
    stats::clock_step_ms(&readings).unwrap_or(0.1)
}

#[derive(Clone, Copy)]
enum Op {
    Instantiate,
    Compile,
}

impl Job {
    /// Doubles the batch from 1 until one batch spans enough clock steps.
    fn calibrate(&mut self, op: Op) -> Result<u32, String> {
        let mut batch = 1;
        loop {
            let elapsed = self.time_batch(op, batch)?;
            if stats::batch_long_enough(elapsed, self.clock_step_ms) || batch >= stats::MAX_BATCH {
                return Ok(batch);
            }
            batch *= 2;
        }
    }

    /// Runs `n` operations; returns the elapsed milliseconds.
    fn time_batch(&mut self, op: Op, n: u32) -> Result<f64, String> {
        match op {
            Op::Instantiate => {
                let t0 = self.perf.now();
                for _ in 0..n {
                    WebAssembly::Instance::new(&self.module, &self.imports)
                        .map_err(|e| describe(&e))?;
                }
                Ok(self.perf.now() - t0)
            }
            Op::Compile => {
                // Different bytes each time (the trailing variant), prepared before timing.
                let inputs: Vec<Uint8Array> = (0..n)
                    .map(|_| {
                        self.next_variant = self.next_variant.wrapping_add(1);
                        Uint8Array::from(module::bytes(self.next_variant).as_slice())
                    })
                    .collect();
                let t0 = self.perf.now();
                for bytes in &inputs {
                    WebAssembly::Module::new(bytes).map_err(|e| describe(&e))?;
                }
                Ok(self.perf.now() - t0)
            }
        }
    }

    fn done(&self) -> usize {
        self.instantiate_us.len() + self.compile_us.len()
    }

    /// One slice: batches until the frame budget is used or every sample is taken.
    fn slice(&mut self) -> Result<(), String> {
        // Calibrating takes a few milliseconds (batches doubling to about 2 ms): alone in
        // its frame, just before the samples that use it.
        if self.instantiate_batch == 0 {
            self.instantiate_batch = self.calibrate(Op::Instantiate)?;
            return Ok(());
        }
        if self.instantiate_us.len() >= SAMPLES && self.compile_batch == 0 {
            self.compile_batch = self.calibrate(Op::Compile)?;
            return Ok(());
        }
        let deadline = self.perf.now() + FRAME_BUDGET_MS;
        while self.done() < 2 * SAMPLES && self.perf.now() < deadline {
            let (op, batch) = if self.instantiate_us.len() < SAMPLES {
                (Op::Instantiate, self.instantiate_batch)
            } else {
                (Op::Compile, self.compile_batch)
            };
            if batch == 0 {
                // Not calibrated yet: the next frame does it.
                break;
            }
            let per_op_us = self.time_batch(op, batch)? * 1_000.0 / f64::from(batch);
            match op {
                Op::Instantiate => self.instantiate_us.push(per_op_us),
                Op::Compile => self.compile_us.push(per_op_us),
            }
        }
        Ok(())
    }

    /// [`Job::slice`], remembering how long the longest one took.
    fn timed_slice(&mut self) -> Result<(), String> {
        let t0 = self.perf.now();
        let outcome = self.slice();
        self.slices_ms.push(self.perf.now() - t0);
        outcome
    }

    fn result(&self) -> Option<Live> {
        let isolated = web_sys::window()
            .and_then(|w| Reflect::get(&w, &JsValue::from_str("crossOriginIsolated")).ok())
            .is_some_and(|v| v.is_truthy());
        Some(Live {
            instantiate: Stats::of(&self.instantiate_us)?,
            compile: Stats::of(&self.compile_us)?,
            instantiate_batch: self.instantiate_batch,
            compile_batch: self.compile_batch,
            clock_step_ms: self.clock_step_ms,
            longest_slice_ms: Stats::of(&self.slices_ms)?.max_us,
            median_slice_ms: Stats::of(&self.slices_ms)?.median_us,
            isolated,
            module_bytes: module::bytes(0).len(),
            checksum: self.checksum,
        })
    }
}

fn schedule(job: Rc<RefCell<Job>>, state: RwSignal<LiveState>) {
    request_animation_frame(move || {
        let outcome = job.borrow_mut().timed_slice();
        let job_ref = job.borrow();
        let next = match outcome {
            Err(e) => Some(LiveState::Failed(e)),
            Ok(()) if job_ref.done() >= 2 * SAMPLES => Some(match job_ref.result() {
                Some(live) => LiveState::Done(live),
                None => LiveState::Failed("the timings could not be summarised".into()),
            }),
            Ok(()) => None,
        };
        let progress = job_ref.done();
        drop(job_ref);
        match next {
            Some(s) => state.set(s),
            None => {
                state.set(LiveState::Running(progress, 2 * SAMPLES));
                schedule(job, state);
            }
        }
    });
}
