//! Small text formatters shared by the panels: the simulated clock, durations in sentences,
//! CPU and memory amounts.

use sim_core::time::SimTime;

/// The clock: `mm:ss.t` under an hour, `h:mm:ss` after.
pub fn clock(t: SimTime) -> String {
    let ms = t.as_millis();
    let (h, m, s) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60);
    if h > 0 { format!("{h}:{m:02}:{s:02}") } else { format!("{m:02}:{s:02}.{}", ms / 100 % 10) }
}

/// A moment in a sentence: `45 s`, `5 min 40 s`, `1 h 2 min`.
pub fn when(t: SimTime) -> String {
    let secs = t.as_millis() / 1000;
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    match (h, m, s) {
        (0, 0, s) => format!("{s} s"),
        (0, m, 0) => format!("{m} min"),
        (0, m, s) => format!("{m} min {s} s"),
        (h, m, _) => format!("{h} h {m} min"),
    }
}

/// Millicores as kubectl would write them: `250m`, `2`, `1.5`.
pub fn cpu(millis: i64) -> String {
    if millis % 1000 == 0 {
        format!("{}", millis / 1000)
    } else if millis % 100 == 0 && millis > 1000 {
        format!("{}.{}", millis / 1000, millis % 1000 / 100)
    } else {
        format!("{millis}m")
    }
}

/// Bytes in binary units: `512Mi`, `1.5Gi`, `16Gi`.
pub fn memory(bytes: i64) -> String {
    const MI: i64 = 1 << 20;
    const GI: i64 = 1 << 30;
    if bytes >= GI {
        let tenths = bytes * 10 / GI;
        if tenths % 10 == 0 {
            format!("{}Gi", tenths / 10)
        } else {
            format!("{:.1}Gi", tenths as f64 / 10.0)
        }
    } else if bytes >= MI {
        format!("{}Mi", bytes / MI)
    } else {
        format!("{}Ki", bytes / 1024)
    }
}

/// `n thing` / `n things`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_and_sentences() {
        assert_eq!(clock(SimTime::from_millis(63_250)), "01:03.2");
        assert_eq!(clock(SimTime::from_secs(3_725)), "1:02:05");
        assert_eq!(when(SimTime::from_secs(45)), "45 s");
        assert_eq!(when(SimTime::from_secs(340)), "5 min 40 s");
        assert_eq!(when(SimTime::from_secs(360)), "6 min");
        assert_eq!(when(SimTime::from_secs(3_720)), "1 h 2 min");
    }

    #[test]
    fn quantities() {
        assert_eq!(cpu(250), "250m");
        assert_eq!(cpu(4000), "4");
        assert_eq!(cpu(1500), "1.5");
        assert_eq!(memory(64 << 20), "64Mi");
        assert_eq!(memory(16 << 30), "16Gi");
        assert_eq!(memory(3 << 29), "1.5Gi");
        assert_eq!(plural(1, "pod", "pods"), "1 pod");
        assert_eq!(plural(3, "pod", "pods"), "3 pods");
    }
}
