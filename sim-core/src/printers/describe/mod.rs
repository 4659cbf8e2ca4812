//! `kubectl describe` (`k8s.io/kubectl/pkg/describe`): the same sections, field names, order
//! and alignment as kubectl, for pods, nodes, Deployments and Services.
//!
//! Each describer writes through a [`PrefixWriter`] (two spaces per level, cells ending in
//! tabs) and the result is aligned by Go's tab writer with kubectl's settings
//! (`minwidth 0, padding 2`), so columns line up exactly where kubectl's do, trailing spaces
//! included.
//!
//! Fields the simulator does not model print as kubectl prints them when they are empty:
//! no volumes (`Volumes: <none>`), no environment, no service account, empty machine IDs.

mod deployment;
mod node;
mod pod;
mod service;

pub use deployment::{describe_deployment, describe_pod_template, new_and_old_replica_sets};
pub use node::describe_node;
pub use pod::describe_pod;
pub use service::describe_service;

use super::{duration::human_duration, tabwriter};
use crate::{
    cluster::Store,
    model::{Event, Labels, Taint, Toleration, TolerationOperator},
    time::{EPOCH_UNIX_SECS, SimTime, rfc3339},
};

/// kubectl's `PrefixWriter`: lines prefixed by two spaces per level, cells ended by `\t`.
#[derive(Debug, Default)]
pub struct PrefixWriter {
    text: String,
}

impl PrefixWriter {
    /// An empty writer.
    pub fn new() -> Self {
        PrefixWriter::default()
    }

    /// Writes `s` after `level` indentation steps (`s` carries its own tabs and newline).
    pub fn write(&mut self, level: usize, s: &str) {
        for _ in 0..level {
            self.text.push_str("  ");
        }
        self.text.push_str(s);
    }

    /// `WriteLine`: `s` and a newline, with no indentation.
    pub fn line(&mut self, s: &str) {
        self.text.push_str(s);
        self.text.push('\n');
    }

    /// The aligned text (`tabbedString`).
    pub fn finish(self) -> String {
        tabwriter::align(&self.text, 0, 2)
    }

    /// The unaligned text, for callers that embed it in another writer.
    pub fn into_raw(self) -> String {
        self.text
    }
}

/// `time.RFC1123Z` (`Thu, 01 Jan 2026 00:00:05 +0000`), with simulated time zero at
/// [`EPOCH_UNIX_SECS`].
pub fn rfc1123z(t: SimTime) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    // rfc3339 is `YYYY-MM-DDTHH:MM:SSZ`; reuse its calendar arithmetic.
    let s = rfc3339(t);
    let field = |r: std::ops::Range<usize>| s.get(r).unwrap_or("");
    let month = field(5..7).parse::<usize>().unwrap_or(1);
    // 1970-01-01 was a Thursday.
    let weekday = ((EPOCH_UNIX_SECS + t.as_secs()) / 86_400 % 7) as usize;
    format!(
        "{}, {} {} {} {} +0000",
        DAYS[weekday % 7],
        field(8..10),
        MONTHS[(month + 11) % 12],
        field(0..4),
        field(11..19)
    )
}

/// `printLabelsMultilineWithIndent`: `Title:` then one `k=v` per line, or `<none>`.
pub fn labels_multiline(w: &mut PrefixWriter, indent: &str, title: &str, labels: &Labels) {
    w.write(0, &format!("{indent}{title}:\t"));
    if labels.is_empty() {
        w.line("<none>");
        return;
    }
    for (i, (k, v)) in labels.iter().enumerate() {
        if i != 0 {
            w.write(0, &format!("{indent}\t"));
        }
        w.write(0, &format!("{k}={v}\n"));
    }
}

/// `printAnnotationsMultiline`: `key: value`, long values folded under the key.
pub fn annotations_multiline(w: &mut PrefixWriter, title: &str, annotations: &Labels) {
    const MAX_LEN: usize = 140;
    w.write(0, &format!("{title}:\t"));
    let keys: Vec<(&str, &str)> = annotations
        .iter()
        .filter(|(k, _)| *k != "kubectl.kubernetes.io/last-applied-configuration")
        .collect();
    if keys.is_empty() {
        w.line("<none>");
        return;
    }
    for (i, (k, v)) in keys.into_iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        let v = v.strip_suffix('\n').unwrap_or(v);
        if v.len() + k.len() + 2 > MAX_LEN || v.contains('\n') {
            w.write(0, &format!("{k}:\n"));
            for line in v.split('\n') {
                w.write(0, &format!("\t  {}\n", shorten(line, MAX_LEN - 2)));
            }
        } else {
            w.write(0, &format!("{k}: {v}\n"));
        }
    }
}

fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s.to_owned(),
    }
}

/// `Taint.ToString()`: `key=value:Effect`, or `key:Effect` without a value.
pub fn taint_string(t: &Taint) -> String {
    if t.value.is_empty() {
        format!("{}:{}", t.key, t.effect.as_str())
    } else {
        format!("{}={}:{}", t.key, t.value, t.effect.as_str())
    }
}

/// `printTaintsMultilineWithIndent`: sorted by effect then key.
pub fn taints_multiline(w: &mut PrefixWriter, title: &str, taints: &[Taint]) {
    w.write(0, &format!("{title}:\t"));
    if taints.is_empty() {
        w.line("<none>");
        return;
    }
    let mut sorted: Vec<&Taint> = taints.iter().collect();
    sorted.sort_by_key(|t| format!("{},{}", t.effect.as_str(), t.key));
    for (i, t) in sorted.into_iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        w.write(0, &format!("{}\n", taint_string(t)));
    }
}

/// `printTolerationsMultilineWithIndent`: sorted by key; `op=Exists`, `for 300s`.
pub fn tolerations_multiline(w: &mut PrefixWriter, indent: &str, title: &str, t: &[Toleration]) {
    w.write(0, &format!("{indent}{title}:\t"));
    if t.is_empty() {
        w.line("<none>");
        return;
    }
    let mut sorted: Vec<&Toleration> = t.iter().collect();
    sorted.sort_by(|a, b| a.key.cmp(&b.key));
    for (i, tol) in sorted.into_iter().enumerate() {
        if i != 0 {
            w.write(0, &format!("{indent}\t"));
        }
        let mut s = tol.key.clone();
        if !tol.value.is_empty() {
            s.push_str(&format!("={}", tol.value));
        }
        if let Some(e) = tol.effect {
            s.push_str(&format!(":{}", e.as_str()));
        }
        if tol.operator == TolerationOperator::Exists && tol.value.is_empty() {
            s.push_str(if !tol.key.is_empty() || tol.effect.is_some() {
                " op=Exists"
            } else {
                "op=Exists"
            });
        }
        if let Some(secs) = tol.toleration_seconds {
            s.push_str(&format!(" for {secs}s"));
        }
        w.write(0, &format!("{s}\n"));
    }
}

/// The stored Events about one object (`searchEvents`), oldest `lastTimestamp` first, ties in
/// the order they were recorded.
pub fn events_for<'a>(store: &'a Store, kind: &str, namespace: &str, name: &str) -> Vec<&'a Event> {
    let mut v: Vec<&Event> = store
        .events()
        .filter(|e| {
            let o = &e.involved_object;
            o.kind == kind && o.name == name && o.namespace == namespace
        })
        .collect();
    v.sort_by_key(|e| e.last_timestamp);
    v
}

/// `DescribeEvents`: `Events: <none>` or the Type / Reason / Age / From / Message table.
pub fn events_section(w: &mut PrefixWriter, events: &[&Event], now: SimTime) {
    if events.is_empty() {
        w.write(0, "Events:\t<none>\n");
        return;
    }
    w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    w.write(1, "----\t------\t----\t----\t-------\n");
    for e in events {
        let first = human_duration(now.millis_since(e.first_timestamp));
        let age = if e.count > 1 {
            format!(
                "{} (x{} over {first})",
                human_duration(now.millis_since(e.last_timestamp)),
                e.count
            )
        } else {
            first
        };
        w.write(
            1,
            &format!(
                "{}\t{}\t{age}\t{}\t{}\n",
                e.type_.as_str(),
                e.reason,
                e.source_component,
                e.message.trim()
            ),
        );
    }
}

/// `printBool`.
pub fn yes_no(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// `stringOrNone`.
pub fn or_none(s: &str) -> String {
    if s.is_empty() { "<none>".into() } else { s.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TaintEffect;

    #[test]
    fn rfc1123z_matches_go() {
        assert_eq!(rfc1123z(SimTime::ZERO), "Thu, 01 Jan 2026 00:00:00 +0000");
        assert_eq!(
            rfc1123z(SimTime::from_secs(86_400 * 31 + 3661)),
            "Sun, 01 Feb 2026 01:01:01 +0000"
        );
    }

    #[test]
    fn multiline_helpers_align_under_the_title() {
        let mut w = PrefixWriter::new();
        w.write(0, "Name:\tweb\n");
        let labels: Labels = [("app", "web"), ("tier", "fe")].into_iter().collect();
        labels_multiline(&mut w, "", "Labels", &labels);
        taints_multiline(&mut w, "Taints", &[Taint::new("b", TaintEffect::NoSchedule)]);
        assert_eq!(
            w.finish(),
            "Name:    web\nLabels:  app=web\n         tier=fe\nTaints:  b:NoSchedule\n"
        );
    }
}
