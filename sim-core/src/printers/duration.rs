//! `duration.HumanDuration` (k8s.io/apimachinery), the AGE and LAST SEEN format.

/// Formats a duration in milliseconds as kubectl's AGE column does: `5s`, `2m30s`, `10m`,
/// `3h5m`, `2d3h`, `400d`, `2y3d`.
pub fn human_duration(ms: u64) -> String {
    let seconds = ms / 1000;
    if seconds < 120 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        let s = seconds % 60;
        return if s == 0 { format!("{minutes}m") } else { format!("{minutes}m{s}s") };
    }
    if minutes < 180 {
        return format!("{minutes}m");
    }
    let hours = minutes / 60;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 { format!("{hours}h") } else { format!("{hours}h{m}m") };
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        let h = hours % 24;
        return if h == 0 { format!("{}d", hours / 24) } else { format!("{}d{h}h", hours / 24) };
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        return if dy == 0 {
            format!("{}y", hours / 24 / 365)
        } else {
            format!("{}y{dy}d", hours / 24 / 365)
        };
    }
    format!("{}y", hours / 24 / 365)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let s = 1000;
        let cases = [
            (0, "0s"),
            (5 * s, "5s"),
            (119 * s, "119s"),
            (120 * s, "2m"),
            (150 * s, "2m30s"),
            (600 * s, "10m"),
            (179 * 60 * s, "179m"),
            (185 * 60 * s, "3h5m"),
            (8 * 3600 * s, "8h"),
            (51 * 3600 * s, "2d3h"),
            (400 * 86400 * s, "400d"),
            ((2 * 365 + 3) * 86400 * s, "2y3d"),
            (9 * 365 * 86400 * s, "9y"),
        ];
        for (ms, want) in cases {
            assert_eq!(human_duration(ms), want, "{ms}");
        }
    }
}
