use super::*;
use crate::eras::startup::{LaneId, figures as f};

fn figure(era: &str, label_start: &str) -> Figure {
    let era = ERAS.iter().find(|e| e.key == era).unwrap();
    *era.figures().map(|(_, f)| f).find(|f| f.label.starts_with(label_start)).unwrap()
}

#[test]
fn eras_have_sorted_sourced_milestones() {
    for era in &ERAS {
        assert!(!era.milestones.is_empty(), "{}", era.key);
        let dates: Vec<_> = era.milestones.iter().map(|m| (m.year, m.month.unwrap_or(0))).collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{}: {dates:?}", era.key);
        for m in era.milestones {
            assert!(m.source.url.starts_with("https://"), "{}", m.event);
            assert!(m.month.is_none_or(|mo| (1..=12).contains(&mo)));
        }
        for (_, fig) in era.figures() {
            assert!(fig.range().is_ordered(), "{}", fig.label);
        }
    }
    let keys: Vec<_> = ERAS.iter().map(|e| e.key).collect();
    assert_eq!(
        keys,
        [
            "bare-metal",
            "shared-server",
            "virtual-machines",
            "containers",
            "pods",
            "serverless",
            "webassembly"
        ]
    );
}

#[test]
fn figures_read_as_the_overview_states_them() {
    let cases = [
        ("containers", "OCI runtime", "17–33 ms"),
        ("containers", "docker run", "about 568 ms"),
        ("containers", "Share of start", "about 76%"),
        ("containers", "containerd shim", "5.2–8.6 MB"),
        ("virtual-machines", "Cloud VM", "about 29.2 s"),
        ("virtual-machines", "Firecracker microVM", "≤ 125 ms"),
        ("virtual-machines", "Firecracker VMM", "≤ 5 MiB"),
        ("pods", "Pods per node", "≤ 110"),
        ("pods", "Pods per cluster", "≤ 150,000"),
        ("pods", "p99", "≤ 5 s"),
        ("pods", "Idle cluster", "800 ms – 2 s"),
        ("serverless", "Invocations", "< 1%"),
        ("serverless", "Cold start", "100 ms – 1 s"),
        ("serverless", "Configurable memory", "128–10,240 MB"),
        ("webassembly", "Instantiate", "1.17–26.9 µs"),
        ("shared-server", "fork", "about 1 ms"),
        ("bare-metal", "Average server", "12–18%"),
        ("bare-metal", "Automated", "38.3 s – 9.54 min"),
    ];
    for (era, label, want) in cases {
        assert_eq!(figure(era, label).text(), want, "{era} / {label}");
    }
}

/// The era table and the start-up race read the same sourced figures.
#[test]
fn era_figures_are_the_race_figures() {
    let lane = |id: LaneId| id.lane().total_ms();
    let r = figure("containers", "docker run").range();
    assert_eq!(r.typical, lane(LaneId::ContainerCached).1);
    let r = figure("pods", "Idle cluster").range();
    let (l, t, h) = lane(LaneId::Pod);
    assert!((r.low - l).abs() < 1e-9 && (r.typical - t).abs() < 1e-9 && (r.high - h).abs() < 1e-9);
    assert_eq!(figure("virtual-machines", "Cloud VM").range().typical, lane(LaneId::CloudVm).1);
    assert_eq!(figure("webassembly", "Instantiate").range(), f::WASM_INSTANTIATE_MS);
    assert_eq!(lane(LaneId::Wasm).1, f::WASM_INSTANTIATE_MS.typical);
    let cold =
        LaneId::FunctionCold.lane().phases[..4].iter().map(|p| p.duration_ms.high).sum::<f64>();
    assert!((figure("serverless", "Cold start").range().high - cold).abs() < 1e-9);
}

#[test]
fn durations_pick_a_readable_unit() {
    assert_eq!(format_ms(0.000_773), "0.77 µs");
    assert_eq!(format_ms(0.026_9), "26.9 µs");
    assert_eq!(format_ms(12.0), "12 ms");
    assert_eq!(format_ms(568.0), "568 ms");
    assert_eq!(format_ms(1_157.0), "1.16 s");
    assert_eq!(format_ms(112_300.0), "1.87 min");
    assert_eq!(format_ms(-3.0), "0 µs");
    assert_eq!(format_ms(f64::NAN), "0 µs");
    assert_eq!(format_count(1_234_567.0), "1,234,567");
    assert_eq!(format_count(12.0), "12");
    assert_eq!(significant(25.8), "25.8");
    assert_eq!(significant(2.50), "2.5");
}

#[test]
fn milestone_dates_read_naturally() {
    let m = ERAS[5].milestones[0];
    assert_eq!(m.date(), "November 2014");
    assert_eq!(ERAS[2].milestones[1].date(), "1999");
    assert_eq!(ERAS[2].years(), "1973–2018");
}
